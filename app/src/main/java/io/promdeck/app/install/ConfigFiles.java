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
            return parse(TemplateRenderer.render(Manifests.read("config/scrape-kubernetes.yml"), values, "config/scrape-kubernetes.yml"));
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
