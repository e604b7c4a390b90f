package io.promdeck.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.promdeck.testing.kube.MockApiExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over pods created in the mock (CRUD), one namespace per labelling scheme. */
class StackDiscoveryTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private void pod(String namespace, String name, Map<String, String> labels, String owner, int port, String portName) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .addNewOwnerReference().withKind("StatefulSet").withName(owner).withController(true).withApiVersion("apps/v1")
                .withUid("uid-" + owner).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("main").withImage("x")
                .addNewPort().withName(portName).withContainerPort(port).endPort().endContainer().endSpec()
                .withNewStatus().withPodIP("10.0.0.9").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
        kube.client().pods().inNamespace(namespace).resource(pod).create();
    }

    private void statefulSet(String namespace, String name, int replicas) {
        kube.client().apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata().withNewSpec().withReplicas(replicas).endSpec().build()).create();
    }

    private DiscoveredStack discover(String namespace, Map<Component, DiscoveryOverride> overrides) {
        return new StackDiscovery(kube.client()).discover(namespace, overrides);
    }

    @Test
    void promdeckLabelsWithExpectedReplicasFromTheStatefulSet() {
        Map<String, String> prom = Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", "prometheus");
        Map<String, String> am = Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", "alertmanager");
        pod("pd", "prometheus-0", prom, "prometheus", 9090, "web");
        pod("pd", "prometheus-1", prom, "prometheus", 9090, "web");
        pod("pd", "alertmanager-0", am, "alertmanager", 9093, "web");
        pod("pd", "alertmanager-1", am, "alertmanager", 9093, "web");
        statefulSet("pd", "prometheus", 2);
        statefulSet("pd", "alertmanager", 3);
        pod("pd", "unrelated", Map.of("app", "nginx"), "web", 80, "http");

        DiscoveredStack stack = discover("pd", Map.of());

        assertThat(stack.of(Component.PROMETHEUS)).extracting(DiscoveredPod::name).containsExactly("prometheus-0", "prometheus-1");
        assertThat(stack.of(Component.PROMETHEUS).get(0).rule()).startsWith("promdeck:");
        assertThat(stack.of(Component.ALERTMANAGER)).hasSize(2);
        assertThat(stack.expectedReplicas(Component.ALERTMANAGER)).isEqualTo(3);
        assertThat(stack.of(Component.PROMETHEUS).get(0)).satisfies(p -> {
            assertThat(p.port()).isEqualTo(9090);
            assertThat(p.ready()).isTrue();
            assertThat(p.node()).isEqualTo("node-1");
            assertThat(p.owner()).isEqualTo("prometheus");
        });
    }

    @Test
    void aShardedInstallsPodsNameTheirShardAndAnAgentInstallsTheirRole() {
        Map<String, String> prom = Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", "prometheus");
        for (int shard = 0; shard < 2; shard++) {
            Map<String, String> labels = new java.util.HashMap<>(prom);
            labels.put(DiscoveredPod.SHARD_LABEL, String.valueOf(shard));
            pod("sh", "prometheus-shard-" + shard + "-0", labels, "prometheus-shard-" + shard, 9090, "web");
            pod("sh", "prometheus-shard-" + shard + "-1", labels, "prometheus-shard-" + shard, 9090, "web");
            statefulSet("sh", "prometheus-shard-" + shard, 2);
        }
        Map<String, String> agent = new java.util.HashMap<>(prom);
        agent.put(DiscoveredPod.ROLE_LABEL, "agent");
        pod("ag", "prometheus-0", agent, "prometheus", 9090, "web");

        DiscoveredStack sharded = discover("sh", Map.of());

        assertThat(sharded.of(Component.PROMETHEUS)).extracting(DiscoveredPod::group).containsExactly("shard-0", "shard-0", "shard-1", "shard-1");
        assertThat(sharded.expectedReplicas(Component.PROMETHEUS)).as("replicas of every shard's StatefulSet").isEqualTo(4);
        assertThat(sharded.of(Component.PROMETHEUS)).noneMatch(DiscoveredPod::agent);
        assertThat(discover("ag", Map.of()).of(Component.PROMETHEUS)).singleElement().satisfies(p -> {
            assertThat(p.agent()).isTrue();
            assertThat(p.group()).isEmpty();
        });
        var endpoints = new io.promdeck.app.transport.ClusterEndpoints(kube.client(), new okhttp3.OkHttpClient(), sharded,
                io.promdeck.app.transport.TransportMode.POD_PROXY).endpoints();
        assertThat(endpoints.of(Component.PROMETHEUS)).extracting(io.promdeck.app.transport.Endpoint::group)
                .containsExactly("shard-0", "shard-0", "shard-1", "shard-1");
    }

    @Test
    void prometheusOperatorLabels() {
        pod("op", "prometheus-k8s-0", Map.of("operated-prometheus", "true", "app.kubernetes.io/name", "prometheus"), "prometheus-k8s", 9090, "web");
        pod("op", "alertmanager-main-0", Map.of("operated-alertmanager", "true", "app.kubernetes.io/name", "alertmanager"),
                "alertmanager-main", 9093, "web");
        pod("op", "prometheus-operator-7d", Map.of("app.kubernetes.io/name", "prometheus-operator"), "op", 8080, "http");

        DiscoveredStack stack = discover("op", Map.of());

        assertThat(stack.of(Component.PROMETHEUS)).singleElement().satisfies(p -> assertThat(p.rule()).contains("operated-prometheus=true"));
        assertThat(stack.of(Component.ALERTMANAGER)).singleElement().satisfies(p -> assertThat(p.rule()).contains("operated-alertmanager"));
        assertThat(stack.pods().values().stream().flatMap(java.util.List::stream)).noneMatch(p -> p.name().startsWith("prometheus-operator"));
    }

    @Test
    void kubeThanosLabels() {
        pod("kt", "thanos-query-abc", Map.of("app.kubernetes.io/name", "thanos-query"), "thanos-query", 10902, "http");
        pod("kt", "thanos-store-0", Map.of("app.kubernetes.io/name", "thanos-store"), "thanos-store", 10902, "http");
        pod("kt", "thanos-compact-0", Map.of("app.kubernetes.io/name", "thanos-compact"), "thanos-compact", 10902, "http");

        DiscoveredStack stack = discover("kt", Map.of());

        assertThat(stack.of(Component.THANOS_QUERY)).singleElement().satisfies(p -> {
            assertThat(p.rule()).startsWith("kube-thanos");
            assertThat(p.port()).isEqualTo(10902);
        });
        assertThat(stack.of(Component.THANOS_STORE)).hasSize(1);
        assertThat(stack.of(Component.THANOS_COMPACTOR)).hasSize(1);
    }

    @Test
    void seedManifestLabels() {
        pod("seed", "prometheus-0", Map.of("app", "prometheus"), "prometheus", 9090, "http");
        pod("seed", "alertmanager-0", Map.of("app", "alertmanager"), "alertmanager", 9093, "http");
        pod("seed", "thanos-querier-5f", Map.of("app", "thanos-querier"), "thanos-querier", 10902, "http");

        DiscoveredStack stack = discover("seed", Map.of());

        assertThat(stack.of(Component.PROMETHEUS)).singleElement().satisfies(p -> assertThat(p.rule()).startsWith("seed-manifests"));
        assertThat(stack.of(Component.ALERTMANAGER)).hasSize(1);
        assertThat(stack.of(Component.THANOS_QUERY)).hasSize(1);
    }

    @Test
    void overridesBySelectorAndByServiceWin(@TempDir Path settings) throws IOException {
        pod("ov", "prom-a-0", Map.of("app", "prometheus", "tier", "ha"), "prom-a", 9091, "metrics");
        pod("ov", "prom-b-0", Map.of("app", "prometheus", "tier", "dev"), "prom-b", 9090, "web");
        pod("ov", "am-x-0", Map.of("team", "ops", "kind", "am"), "am-x", 9093, "web");
        kube.client().services().inNamespace("ov").resource(new ServiceBuilder().withNewMetadata().withName("am").endMetadata()
                .withNewSpec().withSelector(Map.of("team", "ops", "kind", "am")).endSpec().build()).create();
        DiscoveryOverrides store = new DiscoveryOverrides(new SettingsFolder(settings));
        store.put("prod", Component.PROMETHEUS, DiscoveryOverride.selector("app=prometheus,tier=ha").withPort(9091));
        store.put("prod", Component.ALERTMANAGER, DiscoveryOverride.service("am"));

        DiscoveredStack stack = discover("ov", new DiscoveryOverrides(new SettingsFolder(settings)).forContext("prod"));

        assertThat(stack.of(Component.PROMETHEUS)).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("prom-a-0");
            assertThat(p.port()).isEqualTo(9091);
            assertThat(p.rule()).isEqualTo("override: selector app=prometheus,tier=ha port 9091");
        });
        assertThat(stack.of(Component.ALERTMANAGER)).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("override: service am"));
        assertThat(store.forContext("other")).isEmpty();
    }

    @Test
    void badSelectorsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> StackDiscovery.parseSelector("app")).hasMessageContaining("not a label=value pair");
        assertThatThrownBy(() -> StackDiscovery.parseSelector(" , ")).hasMessageContaining("every pod");
        assertThat(StackDiscovery.parseSelector("a=b, c==d")).containsExactly(Map.entry("a", "b"), Map.entry("c", "d"));
    }
}
