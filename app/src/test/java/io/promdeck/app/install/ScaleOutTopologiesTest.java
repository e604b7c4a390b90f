package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.promdeck.app.http.Json;
import io.promdeck.app.promql.PromQl;
import io.promdeck.testing.Binaries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scale-out topologies of a cluster install — hashmod shards, agents, extra remote-write targets — and etcd's
 * scrape job and the Grafana dashboards: rendered, checked by the HA invariants (which must also catch each shape
 * broken), and passed through the real promtool and amtool.
 */
class ScaleOutTopologiesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    static final String RECEIVER = "http://greptimedb-frontend.db.svc:4000/v1/prometheus/write?db=public";

    private static ToolChecks tools() {
        return new ToolChecks(Optional.of(Binaries.require("promtool")), Optional.of(Binaries.require("amtool")));
    }

    static StackParameters sharded(int shards) {
        return StackRendererTest.params().with(Map.of("prometheusShards", shards));
    }

    static StackParameters agents() {
        return StackRendererTest.params().with(Map.of("backend", "AGENT", "grafana", false,
                "remoteWrite", List.of(RemoteWriteTarget.parse(RECEIVER + " name=greptime secret=greptime-auth auth=basic user=prom maxShards=20", 0))));
    }

    private static List<CheckResult> failed(RenderedStack stack) {
        return HaInvariants.check(stack).stream().filter(CheckResult::failed).toList();
    }

    @Test
    void shardsAreHaPairsEachKeepingItsResidueOfEveryJobWithQueryOverAll() throws Exception {
        RenderedStack stack = StackRenderer.render(sharded(3), StackRendererTest.SECRETS);

        assertThat(stack.find("StatefulSet", "prometheus")).isEmpty();
        assertThat(stack.prometheusConfigs()).containsOnlyKeys("prometheus-shard-0", "prometheus-shard-1", "prometheus-shard-2");
        for (int shard = 0; shard < 3; shard++) {
            final int i = shard;
            StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus-shard-" + i).orElseThrow().object();
            assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
            assertThat(sts.getSpec().getSelector().getMatchLabels()).containsEntry(PrometheusShapes.SHARD, String.valueOf(i));
            assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PrometheusShapes.SHARD, String.valueOf(i))
                    .containsEntry(StackRenderer.NAME, "prometheus");
            assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                    assertThat(v.getConfigMap() == null ? "" : v.getConfigMap().getName()).isEqualTo("prometheus-config-shard-" + i));
            PodDisruptionBudget pdb = (PodDisruptionBudget) stack.find("PodDisruptionBudget", "prometheus-shard-" + i).orElseThrow().object();
            assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry(PrometheusShapes.SHARD, String.valueOf(i));

            ConfigMap config = (ConfigMap) stack.find("ConfigMap", "prometheus-config-shard-" + i).orElseThrow().object();
            JsonNode root = YAML.readTree(config.getData().get("prometheus.yml"));
            assertThat(root.at("/global/external_labels/shard").asText()).isEqualTo(String.valueOf(i));
            for (JsonNode job : root.path("scrape_configs")) {
                JsonNode relabel = job.path("relabel_configs");
                JsonNode keep = relabel.get(relabel.size() - 1);
                assertThat(keep.path("regex").asText()).as(job.path("job_name").asText()).isEqualTo("^" + i + "$");
                assertThat(relabel.get(relabel.size() - 2).path("modulus").asInt()).isEqualTo(3);
            }
        }
        // Thanos Query finds sidecars through the headless Service: it must select every shard's pods.
        var headless = (io.fabric8.kubernetes.api.model.Service) stack.find("Service", "prometheus-headless").orElseThrow().object();
        assertThat(headless.getSpec().getSelector()).doesNotContainKey(PrometheusShapes.SHARD);
        assertThat(failed(stack)).isEmpty();
        assertThat(HaInvariants.check(stack)).extracting(CheckResult::name).contains("each target in exactly one shard pair");
        List<CheckResult> tools = tools().check(stack);
        assertThat(tools).extracting(CheckResult::name).contains("promtool check config (prometheus-shard-0)", "promtool check config (prometheus-shard-2)");
        assertThat(tools).as(tools.toString()).noneMatch(CheckResult::failed);
    }

    @Test
    void theInvariantsCatchAShardThatKeepsEveryTargetOrAnHeadlessServiceOverOneShard() {
        RenderedStack stack = StackRenderer.render(sharded(2), StackRendererTest.SECRETS);
        Map<String, String> files = new LinkedHashMap<>(stack.configFiles());
        files.put("prometheus-shard-1.yml", files.get("prometheus-shard-1.yml").replace("regex: ^1$", "regex: .*"));

        assertThat(failed(new RenderedStack(stack.parameters(), stack.objects(), files))).extracting(CheckResult::detail)
                .anySatisfy(d -> assertThat(d).contains("prometheus-shard-1: job prometheus does not keep only shard 1"));

        var headless = (io.fabric8.kubernetes.api.model.Service) stack.find("Service", "prometheus-headless").orElseThrow().object();
        headless.getSpec().getSelector().put(PrometheusShapes.SHARD, "0");
        assertThat(failed(stack)).extracting(CheckResult::detail).anySatisfy(d -> assertThat(d).contains("Thanos Query would not see the others"));
    }

    @Test
    void shardingNeedsAGlobalViewAndStaysWithinSixteen() {
        assertThat(ParameterCheck.problems(sharded(2).with(Map.of("backend", "INFLUXDB")))).extracting(ParameterProblem::parameter)
                .contains(Parameter.PROMETHEUS_SHARDS);
        assertThat(ParameterCheck.problems(sharded(17))).extracting(ParameterProblem::message).contains("between 1 (no sharding) and 16 shards");
        assertThat(ParameterCheck.problems(sharded(4).with(Map.of("backend", "AGENT", "grafana", false, "remoteWrite", agents().remoteWrite()))))
                .isEmpty();
    }

    @Test
    void agentsKeepAWalWriteToTheReceiverWithCredentialsFromTheSecretAndRunNoRules() throws Exception {
        RenderedStack stack = StackRenderer.render(agents(), StackRendererTest.SECRETS);

        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        Container prometheus = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName).containsExactly("prometheus");
        assertThat(prometheus.getArgs()).contains("--enable-feature=agent", "--storage.agent.path=/prometheus", "--enable-feature=expand-external-labels")
                .noneMatch(a -> a.startsWith("--storage.tsdb."));
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PrometheusShapes.ROLE, "agent");
        assertThat(prometheus.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/etc/prometheus/remote-write/greptime-auth")
                .doesNotContain("/etc/prometheus/rules");
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null).anySatisfy(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("greptime-auth");
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0400);
        });
        assertThat(stack.components()).doesNotContain("thanos-query", "thanos-store", "thanos-compactor", "object-storage", "influxdb", "grafana");
        assertThat(stack.find("ConfigMap", "prometheus-rules")).isEmpty();

        JsonNode root = YAML.readTree(stack.configFiles().get("prometheus.yml"));
        assertThat(root.has("alerting")).isFalse();
        assertThat(root.has("rule_files")).isFalse();
        assertThat(root.at("/remote_write/0/url").asText()).isEqualTo(RECEIVER);
        assertThat(root.at("/remote_write/0/name").asText()).isEqualTo("greptime");
        assertThat(root.at("/remote_write/0/basic_auth/username").asText()).isEqualTo("prom");
        assertThat(root.at("/remote_write/0/basic_auth/password_file").asText()).isEqualTo("/etc/prometheus/remote-write/greptime-auth/password");
        assertThat(root.at("/remote_write/0/queue_config/max_shards").asInt()).isEqualTo(20);

        assertThat(failed(stack)).isEmpty();
        assertThat(HaInvariants.check(stack)).extracting(CheckResult::name).contains("agents write to the receiver", "remote-write credentials from Secrets");
        List<CheckResult> tools = tools().check(stack);
        assertThat(tools).as(tools.toString()).noneMatch(CheckResult::failed);
        assertThat(tools).filteredOn(r -> r.name().equals("promtool check rules")).allMatch(CheckResult::skipped);
    }

    @Test
    void agentModeNeedsAReceiverAndNoGrafanaAndTheInvariantsCatchASidecar() {
        assertThat(ParameterCheck.problems(StackRendererTest.params().with(Map.of("backend", "AGENT"))))
                .extracting(ParameterProblem::parameter).contains(Parameter.REMOTE_WRITE, Parameter.BACKEND);

        RenderedStack stack = StackRenderer.render(agents(), StackRendererTest.SECRETS);
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        List<Container> containers = new ArrayList<>(sts.getSpec().getTemplate().getSpec().getContainers());
        containers.add(new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("thanos-sidecar").build());
        sts.getSpec().getTemplate().getSpec().setContainers(containers);
        assertThat(failed(stack)).extracting(CheckResult::detail).anySatisfy(d -> assertThat(d).contains("has a Thanos sidecar"));
    }

    @Test
    void remoteWriteTargetsAreTypedOnOneLineAndEveryMistakeIsNamed() {
        RemoteWriteTarget bearer = RemoteWriteTarget.parse("https://rw.example/api/v1/write secret=rw-token auth=bearer capacity=5000", 3);
        assertThat(bearer.name()).isEqualTo("remote-3");
        assertThat(bearer.credentialsFile()).isEqualTo("/etc/prometheus/remote-write/rw-token/token");
        assertThat(RemoteWriteTarget.parse(bearer.toLine(), 0)).isEqualTo(bearer);

        assertThatThrownBy(() -> RemoteWriteTarget.parse("greptime:4000/write", 0)).hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> RemoteWriteTarget.parse("http://a/w auth=basic", 0)).hasMessageContaining("needs secret=NAME");
        assertThatThrownBy(() -> RemoteWriteTarget.parse("http://a/w secret=s", 0)).hasMessageContaining("auth=basic needs user=NAME");
        assertThatThrownBy(() -> RemoteWriteTarget.parse("http://a/w maxShards=-1", 0)).hasMessageContaining("maxShards '-1' must be a whole number above 0");
        assertThatThrownBy(() -> RemoteWriteTarget.parse("http://a/w password=hunter2", 0)).hasMessageContaining("is not one of name=…");

        ParameterForm form = ParameterForm.of(StackRendererTest.params(), StackRendererTest.SECRETS);
        form.set(Parameter.REMOTE_WRITE, "http://a/w name=one\nhttp://b/w name=one\nnot-a-url");
        assertThat(form.problems().get(Parameter.REMOTE_WRITE)).contains("line 2: the name 'one' is used twice")
                .contains("line 3: 'not-a-url' is not an http:// or https:// URL");
        form.set(Parameter.REMOTE_WRITE, "http://a/w name=one\nhttp://b/w secret=b-auth auth=bearer");
        assertThat(form.problems()).doesNotContainKey(Parameter.REMOTE_WRITE);
        assertThat(form.parameters().remoteWrite()).extracting(RemoteWriteTarget::name).containsExactly("one", "remote-1");
    }

    @Test
    void etcdIsScrapedWithTheNamedSecretsCertificatesAndOnlyWhenOneIsNamed() throws Exception {
        RenderedStack without = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        assertThat(YAML.readTree(without.configFiles().get("prometheus.yml")).findValuesAsText("job_name")).doesNotContain("etcd");

        RenderedStack stack = StackRenderer.render(StackRendererTest.params().with(Map.of("etcdCertsSecret", "etcd-client")), StackRendererTest.SECRETS);
        JsonNode etcd = null;
        for (JsonNode job : YAML.readTree(stack.configFiles().get("prometheus.yml")).path("scrape_configs")) {
            etcd = "etcd".equals(job.path("job_name").asText()) ? job : etcd;
        }
        assertThat(etcd).isNotNull();
        assertThat(etcd.path("scheme").asText()).isEqualTo("https");
        assertThat(etcd.at("/tls_config/cert_file").asText()).isEqualTo("/etc/prometheus/etcd/tls.crt");
        assertThat(etcd.at("/tls_config/key_file").asText()).isEqualTo("/etc/prometheus/etcd/tls.key");
        assertThat(etcd.at("/tls_config/ca_file").asText()).isEqualTo("/etc/prometheus/etcd/ca.crt");
        StatefulSet sts = (StatefulSet) stack.find("StatefulSet", "prometheus").orElseThrow().object();
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                assertThat(v.getSecret() == null ? "" : v.getSecret().getSecretName()).isEqualTo("etcd-client"));
        assertThat(tools().check(stack)).noneMatch(CheckResult::failed);
        assertThat(ParameterCheck.problems(StackRendererTest.params().with(Map.of("etcdCertsSecret", "Etcd_Certs"))))
                .extracting(ParameterProblem::parameter).containsExactly(Parameter.ETCD_CERTS_SECRET);
    }

    @Test
    void grafanaProvisionsTheHaNodesAndWorkloadsDashboardsWithQueriesThatParse() throws Exception {
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        ConfigMap dashboards = (ConfigMap) stack.find("ConfigMap", "grafana-dashboards").orElseThrow().object();
        assertThat(dashboards.getData()).containsOnlyKeys("ha-overview.json", "nodes.json", "workloads.json");
        int queries = 0;
        for (Map.Entry<String, String> dashboard : dashboards.getData().entrySet()) {
            JsonNode root = Json.mapper().readTree(dashboard.getValue());
            assertThat(root.path("uid").asText()).startsWith("promdeck-");
            for (JsonNode panel : root.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    // Grafana's template variables become a plain regex before the query reaches Prometheus.
                    PromQl.parse(target.path("expr").asText().replace("$instance", ".*").replace("$namespace", ".*"));
                    queries++;
                }
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(20);
    }
}
