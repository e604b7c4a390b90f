package io.promdeck.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HA invariants of a rendered stack, each checked and reported by name. The same checks will run against a live
 * stack in the HA doctor.
 */
public final class HaInvariants {

    /** Values that must never reach a cluster as secrets (defaults seen in tutorials, including the seeds'). */
    static final Set<String> DEFAULT_SECRETS = Set.of("", "minio123", "minio", "minioadmin", "admin", "password", "changeme", "secret");

    private HaInvariants() {
    }

    public static List<CheckResult> check(RenderedStack stack) {
        StackParameters p = stack.parameters();
        List<CheckResult> results = new ArrayList<>();
        Map<String, String> configs = stack.prometheusConfigs();
        String firstSet = configs.keySet().iterator().next();
        JsonNode prometheus = yaml(configs.get(firstSet));
        Optional<StatefulSet> prometheusSts = stack.find("StatefulSet", firstSet).map(o -> (StatefulSet) o.object());
        List<String> args = prometheusSts.map(s -> PrometheusShapes.prometheusContainer(s.getSpec().getTemplate().getSpec()).getArgs())
                .orElse(List.of());

        List<String> notPerPod = new ArrayList<>();
        String replicaValue = "";
        for (Map.Entry<String, String> config : configs.entrySet()) {
            replicaValue = yaml(config.getValue()).at("/global/external_labels/" + p.replicaLabel()).asText("");
            List<String> setArgs = containerArgs(stack, "StatefulSet", config.getKey());
            if (!replicaValue.contains("${POD_NAME}") || !setArgs.contains("--enable-feature=expand-external-labels")) {
                notPerPod.add(config.getKey());
            }
        }
        results.add(result("replica label distinct per pod", notPerPod.isEmpty(),
                "external label '" + p.replicaLabel() + "' = " + replicaValue + " expanded from the pod name",
                "the replica external label must come from the pod name (${POD_NAME} with expand-external-labels): " + notPerPod));

        if (p.agents()) {
            results.add(CheckResult.skipped("replica label dropped on alerts", "agents send no alerts; the receiver's ruler does"));
        } else {
            boolean dropped = true;
            for (String config : configs.values()) {
                boolean here = false;
                for (JsonNode relabel : yaml(config).at("/alerting/alert_relabel_configs")) {
                    here |= "labeldrop".equals(relabel.path("action").asText()) && p.replicaLabel().equals(relabel.path("regex").asText());
                }
                dropped &= here;
            }
            results.add(result("replica label dropped on alerts", dropped, "alert_relabel_configs labeldrop " + p.replicaLabel(),
                    "without labeldrop, Alertmanager sees two different alerts and notifies twice"));
        }
        if (p.prometheusShards() > 1) {
            results.add(shardsSplitTargets(stack, configs));
        }
        if (p.agents()) {
            results.add(agentsWrite(stack, configs));
        }
        if (!p.remoteWrite().isEmpty()) {
            results.add(remoteWriteCredentials(stack, configs));
        }

        if (p.backend().thanos()) {
            String queryLabel = stack.find("Deployment", "thanos-query").map(o -> ((Deployment) o.object()).getSpec().getTemplate()
                    .getSpec().getContainers().get(0).getArgs().stream().filter(a -> a.startsWith("--query.replica-label="))
                    .map(a -> a.substring("--query.replica-label=".length())).findFirst().orElse("")).orElse("");
            results.add(result("Thanos Query replica label matches", queryLabel.equals(p.replicaLabel()),
                    "--query.replica-label=" + queryLabel, "Thanos Query deduplicates on '" + queryLabel + "' but replicas differ in '"
                            + p.replicaLabel() + "'"));
            boolean blocks = args.contains("--storage.tsdb.min-block-duration=2h") && args.contains("--storage.tsdb.max-block-duration=2h");
            results.add(result("min = max block duration", blocks, "2h / 2h",
                    "the sidecar needs min = max block duration (2h) or local compaction races the upload"));
            int compactors = stack.find("StatefulSet", "thanos-compactor").map(o -> ((StatefulSet) o.object()).getSpec().getReplicas()).orElse(0);
            results.add(result("exactly one compactor", compactors == 1, "1 replica", compactors + " compactors would corrupt the bucket"));
            List<String> compactorArgs = containerArgs(stack, "StatefulSet", "thanos-compactor");
            boolean penalty = compactorArgs.contains("--deduplication.func=penalty")
                    && compactorArgs.contains("--deduplication.replica-label=" + p.replicaLabel());
            results.add(result("compactor deduplicates HA replicas (penalty)", penalty,
                    "--deduplication.func=penalty on '" + p.replicaLabel() + "'",
                    "Thanos documents --deduplication.func=penalty with the replica label for Prometheus HA pairs; the merge is irreversible"));
            if (p.thanosRuler()) {
                List<String> queryArgs = containerArgs(stack, "Deployment", "thanos-query");
                boolean reaches = queryArgs.contains("--query.replica-label=rule_replica")
                        && queryArgs.stream().anyMatch(a -> a.startsWith("--endpoint=") && a.contains("thanos-ruler"));
                results.add(result("Thanos Query reaches the Ruler", reaches, "endpoint thanos-ruler, dedup on rule_replica",
                        "Query must list the Ruler as an endpoint and deduplicate its replicas on rule_replica"));
            }
        } else {
            results.add(CheckResult.skipped("Thanos invariants", "the InfluxDB backend has no Thanos components"));
        }
        Duration retention = ParameterCheck.parseDuration(p.prometheusRetention()).orElse(Duration.ZERO);
        results.add(result("retention at least 3 blocks", retention.compareTo(ParameterCheck.MIN_RETENTION) >= 0,
                p.prometheusRetention(), "local retention " + p.prometheusRetention() + " is under 6h (3 blocks of 2h)"));

        Optional<StatefulSet> am = stack.find("StatefulSet", "alertmanager").map(o -> (StatefulSet) o.object());
        long peers = am.map(s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().stream()
                .filter(a -> a.startsWith("--cluster.peer=")).count()).orElse(0L);
        int amReplicas = am.map(s -> s.getSpec().getReplicas()).orElse(0);
        results.add(result("Alertmanager peer list matches replicas", peers == amReplicas && amReplicas >= 2,
                peers + " peers for " + amReplicas + " replicas", peers + " --cluster.peer flags for " + amReplicas + " replicas"));

        List<String> missingPdb = new ArrayList<>();
        for (RenderedObject o : stack.objects()) {
            Integer replicas = o.object() instanceof StatefulSet s ? s.getSpec().getReplicas()
                    : o.object() instanceof Deployment d ? d.getSpec().getReplicas() : null;
            if (replicas != null && replicas > 1 && stack.find("PodDisruptionBudget", o.name()).isEmpty()) {
                missingPdb.add(o.id());
            }
        }
        results.add(result("PodDisruptionBudgets present", missingPdb.isEmpty(), "every workload with more than one replica",
                "no PodDisruptionBudget for " + missingPdb));

        List<String> defaulted = new ArrayList<>();
        for (RenderedObject o : stack.objects()) {
            if (o.object() instanceof Secret secret && secret.getStringData() != null) {
                secret.getStringData().forEach((key, value) -> {
                    if (DEFAULT_SECRETS.contains(value.strip())) {
                        defaulted.add(secret.getMetadata().getName() + "/" + key);
                    }
                });
            }
        }
        if (p.backend() != Backend.INFLUXDB && DEFAULT_SECRETS.contains(stackSecretValue(stack, "thanos-objstore"))) {
            defaulted.add("thanos-objstore/secret_key");
        }
        stack.find("Secret", "dingtalk-config").ifPresent(o -> {
            if (yaml(((Secret) o.object()).getStringData().get("config.yml")).at("/targets/promdeck/url").asText("").isBlank()) {
                defaulted.add("dingtalk-config/url");
            }
        });
        results.add(result("no secret at a default value", defaulted.isEmpty(), "generated or operator-given values",
                "secrets left at a default or empty value: " + defaulted));
        return results;
    }

    /**
     * Hashmod sharding: every shard's configuration carries its own {@code shard} external label and keeps residue i of
     * N in every job (so each target is scraped by exactly one shard pair), each shard is an HA pair with its own
     * budget, and Thanos Query discovers every shard's sidecars (the headless Service does not select by shard).
     */
    private static CheckResult shardsSplitTargets(RenderedStack stack, Map<String, String> configs) {
        StackParameters p = stack.parameters();
        List<String> wrong = new ArrayList<>();
        int shard = 0;
        for (Map.Entry<String, String> config : configs.entrySet()) {
            JsonNode root = yaml(config.getValue());
            if (!String.valueOf(shard).equals(root.at("/global/external_labels/" + ConfigFiles.SHARD_LABEL).asText())) {
                wrong.add(config.getKey() + ": external label shard is not " + shard);
            }
            for (JsonNode job : root.path("scrape_configs")) {
                boolean hashed = false;
                boolean kept = false;
                for (JsonNode relabel : job.path("relabel_configs")) {
                    hashed |= "hashmod".equals(relabel.path("action").asText()) && relabel.path("modulus").asInt() == p.prometheusShards();
                    kept |= hashed && "keep".equals(relabel.path("action").asText()) && ("^" + shard + "$").equals(relabel.path("regex").asText());
                }
                if (!kept) {
                    wrong.add(config.getKey() + ": job " + job.path("job_name").asText() + " does not keep only shard " + shard);
                }
            }
            int replicas = stack.find("StatefulSet", config.getKey()).map(o -> ((StatefulSet) o.object()).getSpec().getReplicas()).orElse(0);
            if (replicas < 2) {
                wrong.add(config.getKey() + ": " + replicas + " replicas (a shard is an HA pair)");
            }
            shard++;
        }
        stack.find("Service", "prometheus-headless").ifPresent(o -> {
            var selector = ((io.fabric8.kubernetes.api.model.Service) o.object()).getSpec().getSelector();
            if (selector.containsKey(PrometheusShapes.SHARD)) {
                wrong.add("prometheus-headless selects one shard only: Thanos Query would not see the others");
            }
        });
        return result("each target in exactly one shard pair", wrong.isEmpty(),
                p.prometheusShards() + " shards × " + p.prometheusReplicas() + " replicas, hashmod " + p.prometheusShards()
                        + " on every job, Query over all shards", String.join("; ", wrong));
    }

    /** Agent mode: every Prometheus runs as an agent without a sidecar or rules and writes to each named receiver. */
    private static CheckResult agentsWrite(RenderedStack stack, Map<String, String> configs) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> config : configs.entrySet()) {
            List<String> agentArgs = containerArgs(stack, "StatefulSet", config.getKey());
            if (!agentArgs.contains("--enable-feature=agent")) {
                wrong.add(config.getKey() + " does not run with --enable-feature=agent");
            }
            boolean sidecar = stack.find("StatefulSet", config.getKey()).flatMap(o -> StackRenderer.podSpec(o.object()))
                    .map(spec -> spec.getContainers().stream().anyMatch(c -> c.getName().equals("thanos-sidecar"))).orElse(false);
            if (sidecar) {
                wrong.add(config.getKey() + " has a Thanos sidecar (agents cut no blocks)");
            }
            JsonNode root = yaml(config.getValue());
            if (root.has("rule_files") || root.has("alerting")) {
                wrong.add(config.getKey() + " has rules or alerting (agents evaluate none)");
            }
            java.util.Set<String> urls = new java.util.HashSet<>();
            root.path("remote_write").forEach(w -> urls.add(w.path("url").asText()));
            stack.parameters().remoteWrite().stream().filter(t -> !urls.contains(t.url()))
                    .forEach(t -> wrong.add(config.getKey() + " does not write to " + t.name()));
        }
        return result("agents write to the receiver", wrong.isEmpty(), "every Prometheus an agent writing to "
                + String.join(", ", stack.parameters().remoteWrite().stream().map(RemoteWriteTarget::name).toList())
                + "; both replicas write, so the receiver holds both (keep the replica label to tell them apart, or deduplicate there)",
                String.join("; ", wrong));
    }

    /** Each remote-write target's credentials come from its Secret, mounted where the configuration reads them; never inline. */
    private static CheckResult remoteWriteCredentials(RenderedStack stack, Map<String, String> configs) {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> config : configs.entrySet()) {
            List<String> mounts = stack.find("StatefulSet", config.getKey()).flatMap(o -> StackRenderer.podSpec(o.object()))
                    .map(spec -> PrometheusShapes.prometheusContainer(spec).getVolumeMounts().stream()
                            .map(io.fabric8.kubernetes.api.model.VolumeMount::getMountPath).toList()).orElse(List.of());
            for (JsonNode write : yaml(config.getValue()).path("remote_write")) {
                if (write.at("/basic_auth/password").isTextual() || write.at("/authorization/credentials").isTextual()) {
                    wrong.add(config.getKey() + ": " + write.path("name").asText() + " has an inline credential");
                }
            }
            for (RemoteWriteTarget target : stack.parameters().remoteWrite()) {
                if (!target.secret().isEmpty() && !mounts.contains(RemoteWriteTarget.SECRET_DIR + "/" + target.secret())) {
                    wrong.add(config.getKey() + ": Secret " + target.secret() + " of " + target.name() + " is not mounted");
                }
            }
        }
        return result("remote-write credentials from Secrets", wrong.isEmpty(), "read from the mounted Secrets as files",
                String.join("; ", wrong));
    }

    private static List<String> containerArgs(RenderedStack stack, String kind, String name) {
        return stack.find(kind, name).flatMap(o -> StackRenderer.podSpec(o.object()))
                .map(spec -> spec.getContainers().get(0).getArgs()).orElse(List.of());
    }

    private static String stackSecretValue(RenderedStack stack, String name) {
        return stack.find("Secret", name).map(o -> yaml(((Secret) o.object()).getStringData().get("objstore.yml"))
                .at("/config/secret_key").asText("")).orElse("x");
    }

    private static CheckResult result(String name, boolean ok, String passDetail, String failDetail) {
        return ok ? CheckResult.passed(name, passDetail) : CheckResult.failed(name, failDetail);
    }

    private static JsonNode yaml(String text) {
        try {
            return new YAMLMapper().readTree(text == null ? "" : text);
        } catch (IOException e) {
            throw new IllegalStateException("rendered configuration is not YAML", e);
        }
    }
}
