package io.promdeck.app.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdeck.app.http.Json;
import java.util.List;
import java.util.Map;

/**
 * Everything that shapes an install, without secret values (those are {@link StackSecrets}). Stored in the cluster
 * (ConfigMap {@value #CONFIG_MAP}) so an upgrade or a resumed install works from any workstation. Defaults are in
 * {@link #defaults(String)} and documented in manifests/README.md.
 */
public record StackParameters(
        String instance,
        String namespace,
        String cluster,
        String replicaLabel,
        Backend backend,
        int prometheusReplicas,
        String prometheusRetention,
        String prometheusVolume,
        String prometheusCpu,
        String prometheusMemory,
        String prometheusMemoryLimit,
        String scrapeInterval,
        String evaluationInterval,
        int alertmanagerReplicas,
        String alertmanagerVolume,
        String webhookUrl,
        String groupWait,
        String groupInterval,
        String repeatInterval,
        List<String> groupBy,
        boolean dingtalk,
        boolean wechat,
        String wechatImage,
        int thanosQueryReplicas,
        Integer thanosStoreReplicas,
        boolean thanosRuler,
        String thanosStoreVolume,
        String thanosCompactorVolume,
        String retentionRaw,
        String retention5m,
        String retention1h,
        String bucket,
        String objectStoreVolume,
        String s3Endpoint,
        String s3Region,
        boolean s3Insecure,
        String influxdbVolume,
        boolean grafana,
        String grafanaVolume,
        boolean nodeExporter,
        boolean kubeStateMetrics,
        String storageClass,
        String registryMirror,
        List<String> imagePullSecrets,
        String clusterDomain,
        Boolean networkPolicies,
        String apiServerCidr,
        String emailTo,
        String smtpSmarthost,
        String smtpFrom,
        String smtpUsername,
        Integer prometheusShards,
        String etcdCertsSecret,
        List<RemoteWriteTarget> remoteWrite,
        Targets targets) {

    /** Name of the ConfigMap an install's parameters live in. */
    public static final String CONFIG_MAP = "promdeck-install";

    /** The cluster's DNS domain when none is given (kubelet's {@code --cluster-domain} default). */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
    /** How Alertmanager groups notifications when nothing else is said: one per alert, cluster and namespace. */
    public static final List<String> DEFAULT_GROUP_BY = List.of("alertname", "cluster", "namespace");

    public StackParameters {
        // Parameters stored by an older Promdeck lack these: they take the value that version rendered.
        thanosStoreReplicas = thanosStoreReplicas == null ? 1 : thanosStoreReplicas;
        groupBy = groupBy == null ? DEFAULT_GROUP_BY : List.copyOf(groupBy);
        clusterDomain = clusterDomain == null ? DEFAULT_CLUSTER_DOMAIN : clusterDomain;
        grafanaVolume = grafanaVolume == null ? "10Gi" : grafanaVolume;
        networkPolicies = networkPolicies != null && networkPolicies;
        apiServerCidr = apiServerCidr == null ? "" : apiServerCidr;
        emailTo = emailTo == null ? "" : emailTo;
        smtpSmarthost = smtpSmarthost == null ? "" : smtpSmarthost;
        smtpFrom = smtpFrom == null ? "" : smtpFrom;
        smtpUsername = smtpUsername == null ? "" : smtpUsername;
        prometheusShards = prometheusShards == null ? 1 : prometheusShards;
        etcdCertsSecret = etcdCertsSecret == null ? "" : etcdCertsSecret;
        remoteWrite = remoteWrite == null ? List.of() : List.copyOf(remoteWrite);
        imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
        targets = targets == null ? Targets.kubernetes() : targets;
    }

    /**
     * Where Prometheus finds what to scrape and whom to alert. {@code KUBERNETES} is the install; {@code STATIC}
     * renders loopback addresses so the same configuration runs as real processes outside Kubernetes (the HA test).
     */
    public record Targets(Mode mode, List<String> prometheus, List<String> alertmanagers, List<String> ruleFiles) {
        public enum Mode {
            KUBERNETES, STATIC
        }

        public Targets {
            prometheus = prometheus == null ? List.of() : List.copyOf(prometheus);
            alertmanagers = alertmanagers == null ? List.of() : List.copyOf(alertmanagers);
            ruleFiles = ruleFiles == null ? List.of() : List.copyOf(ruleFiles);
        }

        public static Targets kubernetes() {
            return new Targets(Mode.KUBERNETES, List.of(), List.of(), List.of());
        }
    }

    /** The defaults an operator starts from in the wizard. */
    public static StackParameters defaults(String namespace) {
        return new StackParameters("promdeck", namespace, namespace, "replica", Backend.THANOS_BUNDLED_S3,
                2, "24h", "50Gi", "250m", "1Gi", "4Gi", "30s", "30s",
                3, "2Gi", "", "30s", "5m", "4h", DEFAULT_GROUP_BY,
                false, false, "",
                2, 1, false, "20Gi", "20Gi", "30d", "90d", "1y",
                "thanos", "100Gi", "", "", false,
                "100Gi",
                true, "10Gi", true, true,
                "", "", List.of(), DEFAULT_CLUSTER_DOMAIN, false, "", "", "", "", "",
                1, "", List.of(), Targets.kubernetes());
    }

    /** A copy with the named fields replaced (names as in this record), e.g. {@code with(Map.of("prometheusReplicas", 3))}. */
    public StackParameters with(Map<String, ?> changes) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode tree = mapper.valueToTree(this);
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            if (!tree.has(change.getKey())) {
                throw new IllegalArgumentException("no parameter named " + change.getKey());
            }
            tree.set(change.getKey(), mapper.valueToTree(change.getValue()));
        }
        return mapper.convertValue(tree, StackParameters.class);
    }

    /** Whether the Prometheus pods run in agent mode (scrape and remote-write only). */
    public boolean agents() {
        return backend == Backend.AGENT;
    }

    /** The StatefulSet of each shard: "prometheus" alone, or "prometheus-shard-0" … when the targets are split. */
    public List<String> prometheusStatefulSets() {
        if (prometheusShards <= 1) {
            return List.of("prometheus");
        }
        return java.util.stream.IntStream.range(0, prometheusShards).mapToObj(i -> "prometheus-shard-" + i).toList();
    }

    /** The full DNS name of a Service of the stack: {@code name.namespace.svc.clusterDomain}. */
    public String serviceHost(String service) {
        return service + "." + namespace + ".svc." + clusterDomain;
    }

    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StackParameters fromJson(String json) throws java.io.IOException {
        return Json.mapper().readValue(json, StackParameters.class);
    }
}
