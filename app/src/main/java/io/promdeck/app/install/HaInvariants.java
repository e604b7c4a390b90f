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
        JsonNode prometheus = yaml(stack.configFiles().get("prometheus.yml"));
        Optional<StatefulSet> prometheusSts = stack.find("StatefulSet", "prometheus").map(o -> (StatefulSet) o.object());
        List<String> args = prometheusSts.map(s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).orElse(List.of());

        String replicaValue = prometheus.at("/global/external_labels/" + p.replicaLabel()).asText("");
        boolean perPod = replicaValue.contains("${POD_NAME}") && args.contains("--enable-feature=expand-external-labels");
        results.add(result("replica label distinct per pod", perPod,
                "external label '" + p.replicaLabel() + "' = " + replicaValue + " expanded from the pod name",
                "the replica external label must come from the pod name (${POD_NAME} with expand-external-labels)"));

        boolean dropped = false;
        for (JsonNode relabel : prometheus.at("/alerting/alert_relabel_configs")) {
            dropped |= "labeldrop".equals(relabel.path("action").asText()) && p.replicaLabel().equals(relabel.path("regex").asText());
        }
        results.add(result("replica label dropped on alerts", dropped, "alert_relabel_configs labeldrop " + p.replicaLabel(),
                "without labeldrop, Alertmanager sees two different alerts and notifies twice"));

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
