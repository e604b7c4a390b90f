package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackRendererTest {

    static final StackSecrets SECRETS = new StackSecrets("AKIDTEST", "secret/key+1", "grafana-pw", "", "");

    static StackParameters params() {
        return StackParameters.defaults("monitoring").with(Map.of("webhookUrl", "https://hooks.example/alert?team=\"ops\"&x=1"));
    }

    @Test
    void sameParametersRenderByteIdenticalOutput() {
        String first = StackRenderer.render(params(), SECRETS).yaml();
        String second = StackRenderer.render(params(), SECRETS).yaml();

        assertThat(first).isEqualTo(second);
        // Only Prometheus' own expansions remain: the pod name and relabelling groups.
        assertThat(java.util.regex.Pattern.compile("\\$\\{([^}]*)}").matcher(first).results().map(m -> m.group(1)).distinct())
                .containsExactlyInAnyOrder("POD_NAME", "1", "2");
    }

    @Test
    void defaultStackHasEveryComponentInApplyOrder() {
        RenderedStack stack = StackRenderer.render(params(), SECRETS);

        assertThat(stack.components()).contains("namespace", "prometheus", "thanos-query", "thanos-store", "thanos-compactor",
                "object-storage", "alertmanager", "grafana", "node-exporter", "kube-state-metrics");
        assertThat(stack.objects().get(0).id()).isEqualTo("Namespace/monitoring");
        List<String> kinds = stack.objects().stream().map(RenderedObject::kind).toList();
        assertThat(kinds.indexOf("Secret")).isLessThan(kinds.indexOf("Service"));
        assertThat(kinds.lastIndexOf("Service")).isLessThan(kinds.indexOf("StatefulSet"));
        assertThat(stack.find("ClusterRole", "promdeck-monitoring-prometheus")).get()
                .satisfies(o -> assertThat(o.object().getMetadata().getLabels()).containsEntry(StackRenderer.OWNER_NAMESPACE, "monitoring"));
        assertThat(stack.objects()).allSatisfy(o -> assertThat(o.object().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "promdeck").containsEntry("app.kubernetes.io/managed-by", "promdeck")
                .containsEntry("app.kubernetes.io/instance", "promdeck").containsKey("app.kubernetes.io/component"));
    }

    @Test
    void prometheusIsHaShaped() throws Exception {
        RenderedStack stack = StackRenderer.render(params(), SECRETS);
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        Container prometheus = sts.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
        assertThat(prometheus.getArgs()).contains("--enable-feature=expand-external-labels", "--web.enable-lifecycle",
                "--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h", "--storage.tsdb.retention.time=24h");
        assertThat(prometheus.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("POD_NAME"));
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).contains("thanos-sidecar");
        JsonNode config = new YAMLMapper().readTree(stack.configFiles().get("prometheus.yml"));
        assertThat(config.at("/global/external_labels/replica").asText()).isEqualTo("${POD_NAME}");
        assertThat(config.at("/global/external_labels/cluster").asText()).isEqualTo("monitoring");
        assertThat(config.at("/alerting/alert_relabel_configs/0/action").asText()).isEqualTo("labeldrop");
        assertThat(config.at("/alerting/alertmanagers/0/static_configs/0/targets")).hasSize(3);
        assertThat(stack.find("PodDisruptionBudget", "prometheus")).isPresent();
    }

    @Test
    void valuesAreEscapedForYaml() throws Exception {
        RenderedStack stack = StackRenderer.render(params(), SECRETS);

        JsonNode alertmanager = new YAMLMapper().readTree(stack.configFiles().get("alertmanager.yml"));
        assertThat(alertmanager.at("/receivers/0/webhook_configs/0/url").asText()).isEqualTo("https://hooks.example/alert?team=\"ops\"&x=1");
        Secret objstore = (Secret) stack.find("Secret", "thanos-objstore").orElseThrow().object();
        JsonNode store = new YAMLMapper().readTree(objstore.getStringData().get("objstore.yml"));
        assertThat(store.at("/config/secret_key").asText()).isEqualTo("secret/key+1");
    }

    @Test
    void alertmanagerPeersFollowTheReplicaCount() {
        RenderedStack stack = StackRenderer.render(params().with(Map.of("alertmanagerReplicas", 5)), SECRETS);
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "alertmanager").orElseThrow().object();

        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .filteredOn(a -> a.startsWith("--cluster.peer=")).hasSize(5)
                .contains("--cluster.peer=alertmanager-4.alertmanager-headless.monitoring.svc.cluster.local:9094");
    }

    @Test
    void influxdbProfileHasNoThanos() throws Exception {
        RenderedStack stack = StackRenderer.render(params().with(Map.of("backend", "INFLUXDB")), SECRETS);

        assertThat(stack.components()).contains("influxdb").doesNotContain("thanos-query", "thanos-store", "thanos-compactor", "object-storage");
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("prometheus");
        JsonNode config = new YAMLMapper().readTree(stack.configFiles().get("prometheus.yml"));
        assertThat(config.at("/remote_write/0/url").asText()).contains("influxdb.monitoring.svc.cluster.local:8086");
        JsonNode datasources = new YAMLMapper().readTree(((io.fabric8.kubernetes.api.model.ConfigMap) stack
                .find("ConfigMap", "grafana-datasources").orElseThrow().object()).getData().get("datasources.yml"));
        assertThat(datasources.at("/datasources/0/url").asText()).isEqualTo("http://prometheus.monitoring.svc.cluster.local:9090");
    }

    @Test
    void influxdbRunsWithAuthAndAGeneratedPasswordPrometheusReadsFromAFile() throws Exception {
        StackSecrets secrets = StackSecrets.generate(new java.security.SecureRandom());
        RenderedStack stack = StackRenderer.render(params().with(Map.of("backend", "INFLUXDB")), secrets);

        io.fabric8.kubernetes.api.model.Secret auth = (io.fabric8.kubernetes.api.model.Secret) stack.find("Secret", "influxdb-auth").orElseThrow().object();
        assertThat(auth.getStringData()).containsEntry("username", "prometheus").containsEntry("password", secrets.influxdbPassword());
        assertThat(secrets.influxdbPassword()).hasSize(32);
        var influx = StackRenderer.podSpec(stack.find("Deployment", "influxdb").or(() -> stack.find("StatefulSet", "influxdb")).orElseThrow().object())
                .orElseThrow().getContainers().get(0);
        assertThat(influx.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("INFLUXDB_HTTP_AUTH_ENABLED");
            assertThat(e.getValue()).isEqualTo("true");
        }).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("INFLUXDB_ADMIN_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("influxdb-auth");
        });
        JsonNode config = new YAMLMapper().readTree(stack.configFiles().get("prometheus.yml"));
        for (String remote : new String[] {"/remote_write/0", "/remote_read/0"}) {
            assertThat(config.at(remote + "/basic_auth/username").asText()).isEqualTo("prometheus");
            assertThat(config.at(remote + "/basic_auth/password_file").asText()).isEqualTo("/etc/prometheus/influxdb/password");
        }
        assertThat(stack.configFiles().get("prometheus.yml")).doesNotContain(secrets.influxdbPassword());
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/prometheus/influxdb"));
        assertThat(HaInvariants.check(stack)).noneMatch(CheckResult::failed);
    }

    @Test
    void mirrorPullSecretsAndStorageClassApplyEverywhere() {
        RenderedStack stack = StackRenderer.render(params().with(Map.of("registryMirror", "registry.corp:5000/mirror",
                "imagePullSecrets", List.of("corp-pull"), "storageClass", "fast-ssd")), SECRETS);

        assertThat(stack.images()).isNotEmpty().allMatch(i -> i.startsWith("registry.corp:5000/mirror/"));
        assertThat(stack.images()).contains("registry.corp:5000/mirror/prometheus/prometheus:v2.54.1");
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "alertmanager").orElseThrow().object();
        assertThat(sts.getSpec().getTemplate().getSpec().getImagePullSecrets()).extracting("name").containsExactly("corp-pull");
        assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("fast-ssd");
    }

    @Test
    void invalidParametersAreRefusedWithEveryProblemNamed() {
        StackParameters bad = params().with(Map.of("namespace", "Monitoring_1", "prometheusVolume", "lots",
                "webhookUrl", "not a url", "prometheusRetention", "2h", "prometheusReplicas", 1));

        List<ParameterProblem> problems = ParameterCheck.problems(bad);

        assertThat(problems).extracting(ParameterProblem::field)
                .containsExactlyInAnyOrder("namespace", "prometheusVolume", "webhookUrl", "prometheusRetention", "prometheusReplicas");
        assertThat(problems).filteredOn(p -> p.field().equals("prometheusRetention")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("3 blocks"));
        assertThatThrownBy(() -> StackRenderer.render(bad, SECRETS)).hasMessageContaining("namespace");
    }

    @Test
    void templatesRefuseUnsafeRawValuesAndUnresolvedPlaceholders() {
        assertThatThrownBy(() -> TemplateRenderer.render("a: ${x|raw}\n", Map.of("x", "1\nb: 2"), "t.yaml"))
                .hasMessageContaining("t.yaml line 1").hasMessageContaining("unquoted");
        assertThatThrownBy(() -> TemplateRenderer.render("a: 1\nb: ${missing}\n", Map.of(), "t.yaml"))
                .hasMessageContaining("t.yaml line 2: no value for ${missing}");
        assertThat(TemplateRenderer.render("r: $${POD_NAME} ${v}", Map.of("v", "x\"y"), "t")).isEqualTo("r: ${POD_NAME} \"x\\\"y\"");
    }

    private static java.util.List<String> args(RenderedStack stack, String kind, String name) {
        return StackRenderer.podSpec(stack.find(kind, name).orElseThrow().object()).orElseThrow().getContainers().get(0).getArgs();
    }

    @Test
    void thanosAsDocumentedPenaltyDedupRulerReachedStoreReplicasAndTheClusterDomainEverywhere() {
        StackParameters p = params().with(Map.of("thanosRuler", true, "thanosStoreReplicas", 2, "clusterDomain", "corp.internal",
                "dingtalk", true));
        RenderedStack stack = StackRenderer.render(p, new StackSecrets("AKIDTEST", "secret/key+1", "grafana-pw",
                "https://oapi.dingtalk.com/robot/send?access_token=t", ""));

        assertThat(args(stack, "StatefulSet", "thanos-compactor")).contains("--deduplication.func=penalty",
                "--deduplication.replica-label=replica", "--deduplication.replica-label=rule_replica");
        assertThat(args(stack, "Deployment", "thanos-query")).contains("--query.replica-label=replica", "--query.replica-label=rule_replica",
                "--endpoint=dnssrv+_grpc._tcp.thanos-ruler.monitoring.svc.corp.internal",
                "--endpoint=dnssrv+_grpc._tcp.prometheus-headless.monitoring.svc.corp.internal");
        assertThat(((StatefulSet) stack.find("StatefulSet", "thanos-store").orElseThrow().object()).getSpec().getReplicas()).isEqualTo(2);
        assertThat(stack.yaml()).doesNotContain("cluster.local").doesNotContain(".svc:").contains("alertmanager-headless.monitoring.svc.corp.internal:9094");
        assertThat(stack.configFiles().get("prometheus.yml")).contains("alertmanager-0.alertmanager-headless.monitoring.svc.corp.internal:9093");
        assertThat(HaInvariants.check(stack)).filteredOn(c -> c.name().equals("compactor deduplicates HA replicas (penalty)")
                || c.name().equals("Thanos Query reaches the Ruler")).hasSize(2).noneMatch(CheckResult::failed);
        assertThat(ParameterCheck.problems(p.with(Map.of("clusterDomain", "Corp_Internal")))).extracting(ParameterProblem::field)
                .containsExactly("clusterDomain");
    }

    @Test
    void parametersStoredByAnOlderVersionGetTheValuesItRendered() throws Exception {
        String old = params().toJson().replaceAll("(?m)^\\s*\"(thanosStoreReplicas|clusterDomain)\" : [^\\n]*\\n", "");
        assertThat(old).doesNotContain("clusterDomain");

        StackParameters read = StackParameters.fromJson(old);

        assertThat(read.thanosStoreReplicas()).isEqualTo(1);
        assertThat(read.clusterDomain()).isEqualTo("cluster.local");
    }

    @Test
    void kubernetesMonitoringAsSeed002DescribesIt() throws Exception {
        RenderedStack stack = StackRenderer.render(params().with(Map.of("grafanaVolume", "20Gi")), SECRETS);

        var prometheus = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(stack.configFiles().get("prometheus.yml"));
        List<String> jobs = new java.util.ArrayList<>();
        prometheus.path("scrape_configs").forEach(j -> jobs.add(j.path("job_name").asText()));
        assertThat(jobs).contains("kubernetes-apiservers", "kubernetes-nodes", "kubernetes-cadvisor", "kube-scheduler", "kube-controller-manager",
                "kube-proxy", "coredns", "kubernetes-pods", "kubernetes-service-endpoints");
        var nodeExporter = StackRenderer.podSpec(stack.find("DaemonSet", "node-exporter").orElseThrow().object()).orElseThrow();
        assertThat(nodeExporter.getHostNetwork()).isTrue();
        assertThat(nodeExporter.getHostPID()).isTrue();
        assertThat(nodeExporter.getTolerations()).singleElement().satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
        var grafana = (io.fabric8.kubernetes.api.model.apps.Deployment) stack.find("Deployment", "grafana").orElseThrow().object();
        assertThat(grafana.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(grafana.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("storage")).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("grafana-data"));
        assertThat(((io.fabric8.kubernetes.api.model.PersistentVolumeClaim) stack.find("PersistentVolumeClaim", "grafana-data").orElseThrow()
                .object()).getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
    }
}
