package io.promdeck.app.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration files the stack's pods read (prometheus.yml, rules, alertmanager.yml, object-store and S3
 * configs, Grafana provisioning), built as YAML trees so every value is escaped by the YAML writer.
 */
final class ConfigFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigFiles() {
    }

    static String prometheus(StackParameters p, Map<String, String> values) {
        return write(prometheusTree(p, values));
    }

    /** The configuration of shard {@code shard} of the cluster install (the unsharded one when there is one shard). */
    static String prometheus(StackParameters p, Map<String, String> values, int shard) {
        ObjectNode root = prometheusTree(p, values);
        if (p.prometheusShards() > 1) {
            ((ObjectNode) root.path("global").path("external_labels")).put(SHARD_LABEL, String.valueOf(shard));
            shard(root, shard, p.prometheusShards());
        }
        return write(root);
    }

    /** The external label naming a Prometheus' shard (seeds 001/002); Thanos Query keeps it, so the shards stay apart. */
    static final String SHARD_LABEL = "shard";

    /**
     * Keeps shard {@code shard} of {@code shards} of every scrape job's targets: hashmod of the target's address and
     * metrics path (jobs that reach every node through the API server's proxy share one address), then keep. Each
     * target lands in exactly one shard; both replicas of a shard keep the same ones.
     */
    static void shard(ObjectNode root, int shard, int shards) {
        for (JsonNode job : root.path("scrape_configs")) {
            ObjectNode scrape = (ObjectNode) job;
            ArrayNode relabel = scrape.has("relabel_configs") ? (ArrayNode) scrape.get("relabel_configs") : scrape.putArray("relabel_configs");
            ObjectNode hash = relabel.addObject();
            hash.putArray("source_labels").add("__address__").add("__metrics_path__");
            hash.put("modulus", shards).put("target_label", "__tmp_hash").put("action", "hashmod");
            ObjectNode keep = relabel.addObject();
            keep.putArray("source_labels").add("__tmp_hash");
            keep.put("regex", "^" + shard + "$").put("action", "keep");
        }
    }

    /** Agent mode: no local TSDB to query or alert from, so no rules, no alerting, no evaluation interval. */
    static void agent(ObjectNode root) {
        root.remove("alerting");
        root.remove("rule_files");
        ((ObjectNode) root.path("global")).remove("evaluation_interval");
    }

    /** Appends the operator's remote-write targets, each with its credentials read from the mounted Secret. */
    static void remoteWrite(ObjectNode root, List<RemoteWriteTarget> targets) {
        if (targets.isEmpty()) {
            return;
        }
        ArrayNode write = root.has("remote_write") ? (ArrayNode) root.get("remote_write") : root.putArray("remote_write");
        for (RemoteWriteTarget target : targets) {
            ObjectNode entry = write.addObject().put("url", target.url()).put("name", target.name());
            switch (target.auth()) {
                case BASIC -> entry.putObject("basic_auth").put("username", target.user()).put("password_file", target.credentialsFile());
                case BEARER -> entry.putObject("authorization").put("type", "Bearer").put("credentials_file", target.credentialsFile());
                case NONE -> {
                }
            }
            if (target.maxShards() != null || target.capacity() != null || target.maxSamplesPerSend() != null) {
                ObjectNode queue = entry.putObject("queue_config");
                if (target.capacity() != null) {
                    queue.put("capacity", target.capacity());
                }
                if (target.maxShards() != null) {
                    queue.put("max_shards", target.maxShards());
                }
                if (target.maxSamplesPerSend() != null) {
                    queue.put("max_samples_per_send", target.maxSamplesPerSend());
                }
            }
        }
    }

    /** The Prometheus configuration as a tree, for the topologies that build on it ({@link StaticConfigs}). */
    static ObjectNode prometheusTree(StackParameters p, Map<String, String> values) {
        ObjectNode root = NODES.objectNode();
        ObjectNode global = root.putObject("global");
        global.put("scrape_interval", p.scrapeInterval());
        global.put("evaluation_interval", p.evaluationInterval());
        ObjectNode external = global.putObject("external_labels");
        external.put("cluster", p.cluster());
        // Expanded by Prometheus from the pod's env (--enable-feature=expand-external-labels): each replica differs.
        external.put(p.replicaLabel(), "${POD_NAME}");
        ObjectNode alerting = root.putObject("alerting");
        alerting.putArray("alert_relabel_configs").addObject().put("action", "labeldrop").put("regex", p.replicaLabel());
        ArrayNode targets = alerting.putArray("alertmanagers").addObject().putArray("static_configs").addObject().putArray("targets");
        alertmanagerTargets(p).forEach(targets::add);
        ArrayNode rules = root.putArray("rule_files");
        if (p.targets().ruleFiles().isEmpty()) {
            rules.add("/etc/prometheus/rules/*.yml");
        } else {
            p.targets().ruleFiles().forEach(rules::add);
        }
        root.set("scrape_configs", scrapeConfigs(p, values));
        if (p.backend() == Backend.INFLUXDB) {
            ObjectNode write = root.putArray("remote_write").addObject().put("url", "http://" + p.serviceHost("influxdb")
                    + ":8086/api/v1/prom/write?db=prometheus");
            write.putObject("basic_auth").put("username", INFLUXDB_USER).put("password_file", INFLUXDB_SECRET_DIR + "/password");
            ObjectNode read = root.putArray("remote_read").addObject().put("url", "http://" + p.serviceHost("influxdb")
                    + ":8086/api/v1/prom/read?db=prometheus");
            read.putObject("basic_auth").put("username", INFLUXDB_USER).put("password_file", INFLUXDB_SECRET_DIR + "/password");
        }
        remoteWrite(root, p.remoteWrite());
        if (p.agents()) {
            agent(root);
        }
        return root;
    }

    static List<String> alertmanagerTargets(StackParameters p) {
        if (p.targets().mode() == StackParameters.Targets.Mode.STATIC) {
            return p.targets().alertmanagers();
        }
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < p.alertmanagerReplicas(); i++) {
            targets.add("alertmanager-" + i + "." + p.serviceHost("alertmanager-headless") + ":9093");
        }
        return targets;
    }

    private static JsonNode scrapeConfigs(StackParameters p, Map<String, String> values) {
        if (p.targets().mode() == StackParameters.Targets.Mode.KUBERNETES) {
            ArrayNode jobs = (ArrayNode) parse(TemplateRenderer.render(Manifests.read("config/scrape-kubernetes.yml"), values,
                    "config/scrape-kubernetes.yml"));
            if (!p.etcdCertsSecret().isEmpty()) {
                jobs.addAll((ArrayNode) parse(Manifests.read("config/scrape-etcd.yml")));
            }
            return jobs;
        }
        ArrayNode jobs = NODES.arrayNode();
        ArrayNode prometheus = jobs.addObject().put("job_name", "prometheus").putArray("static_configs").addObject().putArray("targets");
        p.targets().prometheus().forEach(prometheus::add);
        ArrayNode alertmanagers = jobs.addObject().put("job_name", "alertmanager").putArray("static_configs").addObject().putArray("targets");
        p.targets().alertmanagers().forEach(alertmanagers::add);
        return jobs;
    }

    static String stackRules(Map<String, String> values) {
        return TemplateRenderer.render(Manifests.read("config/stack-rules.yml"), values, "config/stack-rules.yml");
    }

    /**
     * The route tree: everything to the {@code default} receiver (the webhook and/or e-mail; the robots when there is
     * neither), critical alerts also to the chat robots when both are configured (seed 000's robot for what is urgent), grouped by
     * the operator's labels; a critical alert inhibits the warning of the same alert on the same target.
     */
    /** The InfluxDB user Prometheus writes and reads as (its password is generated, in the influxdb-auth Secret). */
    static final String INFLUXDB_USER = "prometheus";
    /** Where the Prometheus pods see the influxdb-auth Secret. */
    static final String INFLUXDB_SECRET_DIR = "/etc/prometheus/influxdb";

    static String alertmanager(StackParameters p) {
        return alertmanager(p, "");
    }

    /** @param smtpPassword the mail server's password (this file goes to a Secret) */
    static String alertmanager(StackParameters p, String smtpPassword) {
        ObjectNode root = NODES.objectNode();
        ObjectNode global = root.putObject("global").put("resolve_timeout", "5m");
        boolean email = !p.emailTo().isBlank();
        if (email) {
            global.put("smtp_smarthost", p.smtpSmarthost()).put("smtp_from", p.smtpFrom());
            if (!p.smtpUsername().isBlank()) {
                global.put("smtp_auth_username", p.smtpUsername()).put("smtp_auth_password", smtpPassword);
            }
        }
        ObjectNode route = root.putObject("route");
        route.put("receiver", "default");
        ArrayNode groupBy = route.putArray("group_by");
        p.groupBy().forEach(groupBy::add);
        route.put("group_wait", p.groupWait());
        route.put("group_interval", p.groupInterval());
        route.put("repeat_interval", p.repeatInterval());
        List<String> robots = new ArrayList<>();
        if (p.dingtalk()) {
            robots.add("http://" + p.serviceHost("dingtalk") + ":8060/dingtalk/promdeck/send");
        }
        if (p.wechat()) {
            robots.add("http://" + p.serviceHost("wechat") + ":8080/");
        }
        boolean webhook = p.webhookUrl() != null && !p.webhookUrl().isBlank();
        ArrayNode receivers = root.putArray("receivers");
        ObjectNode defaultReceiver = receivers.addObject().put("name", "default");
        if (webhook || !email) {
            ArrayNode defaultHooks = defaultReceiver.putArray("webhook_configs");
            if (webhook) {
                defaultHooks.addObject().put("url", p.webhookUrl()).put("send_resolved", true);
            } else {
                robots.forEach(url -> defaultHooks.addObject().put("url", url).put("send_resolved", true));
            }
        }
        if (email) {
            defaultReceiver.putArray("email_configs").addObject().put("to", p.emailTo()).put("send_resolved", true);
        }
        boolean defaultHasItsOwnChannel = webhook || email;
        if (defaultHasItsOwnChannel && !robots.isEmpty()) {
            ArrayNode robotHooks = receivers.addObject().put("name", "critical-robots").putArray("webhook_configs");
            robots.forEach(url -> robotHooks.addObject().put("url", url).put("send_resolved", true));
            ArrayNode routes = route.putArray("routes");
            ObjectNode critical = routes.addObject();
            critical.put("receiver", "critical-robots");
            critical.putArray("matchers").add("severity=\"critical\"");
            // Critical alerts reach the default receiver too: the robot is an extra channel, not the only one. `continue`
            // only goes on to the next sibling route (the parent's receiver is used when no child matches at all), so the
            // default receiver needs a catch-all sibling of its own: measured on Alertmanager 0.25 (AlertRoutingLabIT).
            critical.put("continue", true);
            routes.addObject().put("receiver", "default");
        }
        ObjectNode inhibit = root.putArray("inhibit_rules").addObject();
        inhibit.putArray("source_matchers").add("severity=\"critical\"");
        inhibit.putArray("target_matchers").add("severity=\"warning\"");
        inhibit.putArray("equal").add("alertname").add("cluster").add("namespace").add("instance");
        return write(root);
    }

    static String objectStore(StackParameters p, StackSecrets secrets) {
        ObjectNode root = NODES.objectNode();
        root.put("type", "S3");
        ObjectNode config = root.putObject("config");
        config.put("bucket", p.bucket());
        if (p.backend() == Backend.THANOS_EXISTING_S3) {
            config.put("endpoint", p.s3Endpoint());
            if (!p.s3Region().isEmpty()) {
                config.put("region", p.s3Region());
            }
            config.put("insecure", p.s3Insecure());
        } else {
            config.put("endpoint", p.serviceHost("seaweedfs") + ":8333");
            config.put("insecure", true);
        }
        config.put("access_key", secrets.s3AccessKey());
        config.put("secret_key", secrets.s3SecretKey());
        return write(root);
    }

    /** SeaweedFS' S3 identities: one admin identity with the generated keys. */
    static String seaweedS3(StackSecrets secrets) {
        ObjectNode root = NODES.objectNode();
        ObjectNode identity = root.putArray("identities").addObject();
        identity.put("name", "promdeck");
        identity.putArray("credentials").addObject().put("accessKey", secrets.s3AccessKey()).put("secretKey", secrets.s3SecretKey());
        identity.putArray("actions").add("Admin").add("Read").add("Write").add("List").add("Tagging");
        try {
            return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String dingtalk(StackSecrets secrets) {
        ObjectNode root = NODES.objectNode();
        root.putObject("targets").putObject("promdeck").put("url", secrets.dingtalkRobotUrl());
        return write(root);
    }

    static String grafanaDatasources(StackParameters p) {
        boolean thanos = p.backend().thanos();
        String url = thanos ? "http://" + p.serviceHost("thanos-query") + ":10902" : "http://" + p.serviceHost("prometheus") + ":9090";
        return TemplateRenderer.render(Manifests.read("config/grafana-datasources.yml"),
                Map.of("datasourceName", thanos ? "Thanos Query" : "Prometheus", "datasourceUrl", url), "config/grafana-datasources.yml");
    }

    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundled config fragment is not YAML: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
