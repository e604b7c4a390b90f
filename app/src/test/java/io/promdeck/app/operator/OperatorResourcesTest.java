package io.promdeck.app.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredPod;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.session.SessionOpenerAccess;
import io.promdeck.testing.kube.MockApiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * prometheus-operator's resources as kube-prometheus-stack creates them by default, read from the mock API server with
 * the CRDs served: replicas, shards, the replica label and the sidecar come from the resources.
 */
class OperatorResourcesTest {

    private static final String NS = "monitoring";
    private MockApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = new MockApiServer();
        client = api.server().createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private void serve(String version, String kind, String plural) {
        api.serveCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP)
                .withVersion(version).withKind(kind).withPlural(plural).withScope("Namespaced").build());
    }

    private void serveAll() {
        serve("v1", "Prometheus", "prometheuses");
        serve("v1", "Alertmanager", "alertmanagers");
        serve("v1", "ThanosRuler", "thanosrulers");
        serve("v1", "ServiceMonitor", "servicemonitors");
        serve("v1", "PodMonitor", "podmonitors");
        serve("v1", "Probe", "probes");
        serve("v1", "PrometheusRule", "prometheusrules");
        serve("v1alpha1", "PrometheusAgent", "prometheusagents");
        serve("v1alpha1", "ScrapeConfig", "scrapeconfigs");
        serve("v1alpha1", "AlertmanagerConfig", "alertmanagerconfigs");
    }

    private void create(String version, String kind, String name, Map<String, Object> spec) {
        create(version, kind, name, spec, null);
    }

    private void create(String version, String kind, String name, Map<String, Object> spec, Map<String, Object> status) {
        create(version, kind, NS, name, Map.of(), spec, status);
    }

    private void create(String version, String kind, String ns, String name, Map<String, String> labels, Map<String, Object> spec,
            Map<String, Object> status) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(OperatorResources.GROUP + "/" + version);
        resource.setKind(kind);
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns).withLabels(labels).build());
        resource.setAdditionalProperty("spec", spec);
        if (status != null) {
            resource.setAdditionalProperty("status", status);
        }
        client.genericKubernetesResources(OperatorResources.GROUP + "/" + version, kind).inNamespace(ns).resource(resource).create();
    }

    @Test
    void kubePrometheusStackDefaultsAreReadFromTheResources() {
        serveAll();
        create("v1", "Prometheus", "kube-prometheus-stack-prometheus", Map.of("replicas", 2, "thanos", Map.of("image", "quay.io/thanos/thanos"),
                "ruleSelector", Map.of("matchLabels", Map.of("release", "kube-prometheus-stack")), "ruleNamespaceSelector", Map.of(),
                "serviceMonitorSelector", Map.of("matchLabels", Map.of("release", "kube-prometheus-stack")), "serviceMonitorNamespaceSelector", Map.of(),
                "podMonitorSelector", Map.of("matchLabels", Map.of("release", "kube-prometheus-stack")), "podMonitorNamespaceSelector", Map.of()));
        create("v1", "Alertmanager", "kube-prometheus-stack-alertmanager", Map.of("replicas", 3), Map.of("conditions", List.of(
                Map.of("type", "Available", "status", "True"),
                Map.of("type", "Reconciled", "status", "False", "message", "secret \"alertmanager-config\" not found"))));
        Map<String, String> release = Map.of("release", "kube-prometheus-stack");
        create("v1", "ServiceMonitor", NS, "kube-prometheus-stack-apiserver", release, Map.of("endpoints", List.of(Map.of("port", "https"))), null);
        // Created by hand without the release label: kube-prometheus-stack's Prometheus does not pick it up.
        create("v1", "PodMonitor", "node-exporter-extra", Map.of());
        create("v1alpha1", "AlertmanagerConfig", "team-db-routes", Map.of("route", Map.of("receiver", "db-oncall")));
        create("v1", "PrometheusRule", NS, "kube-prometheus-stack-node.rules", release, Map.of("groups", List.of(Map.of("name", "node.rules",
                "rules", List.of(Map.of("record", "instance:node_num_cpu:sum", "expr", "count by (instance) (node_cpu_seconds_total)"))))), null);

        OperatorResources.Reading reading = new OperatorResources(client).read(NS);

        assertThat(reading).isInstanceOf(OperatorResources.Read.class);
        OperatorResources.Read read = (OperatorResources.Read) reading;
        assertThat(read.prometheuses()).containsExactly(new OperatorResources.Prometheus("Prometheus", NS, "kube-prometheus-stack-prometheus", 2, 1,
                "prometheus_replica", true));
        assertThat(read.replicaLabel()).contains("prometheus_replica");
        assertThat(read.alertmanagerPods()).isEqualTo(3);
        assertThat(read.reconcileProblems()).containsExactly(
                "Alertmanager kube-prometheus-stack-alertmanager: Reconciled=False — secret \"alertmanager-config\" not found");
        assertThat(read.monitors()).extracting(OperatorResources.Monitor::poolPrefix)
                .containsExactly("serviceMonitor/monitoring/kube-prometheus-stack-apiserver/", "podMonitor/monitoring/node-exporter-extra/");
        assertThat(read.monitors()).extracting(OperatorResources.Monitor::notSelected).containsExactly("", "not selected: Prometheus "
                + "kube-prometheus-stack-prometheus selects PodMonitors labelled release=kube-prometheus-stack in every namespace");
        assertThat(read.rules()).singleElement().satisfies(r -> {
            assertThat(r.notSelected()).isEmpty();
            assertThat(r.name()).isEqualTo("kube-prometheus-stack-node.rules");
            assertThat(r.groups()).containsExactly("node.rules");
            // The API server assigned the uid; the operator's rule file is named after it.
            assertThat(r.uid()).isNotBlank();
            assertThat(r.fileName()).isEqualTo("monitoring-kube-prometheus-stack-node.rules-" + r.uid() + ".yaml");
        });
        assertThat(OperatorResources.describe(read)).isEqualTo("Run by prometheus-operator — Prometheus kube-prometheus-stack-prometheus: "
                + "2 replicas, replica label 'prometheus_replica', Thanos sidecar; Alertmanager kube-prometheus-stack-alertmanager: 3 replicas; "
                + "2 monitors; 1 PrometheusRule; 1 AlertmanagerConfig (team-db-routes).");

        // What the console expects: 2 Prometheus pods with sidecars and 3 Alertmanagers, whatever the StatefulSets say now.
        DiscoveredStack found = new DiscoveredStack(NS, Map.of(Component.PROMETHEUS, List.of(pod("prometheus-kube-prometheus-stack-prometheus-0"))),
                Map.of(Component.PROMETHEUS, 1, Component.ALERTMANAGER, 1));
        DiscoveredStack counted = SessionOpenerAccess.withOperatorCounts(found, reading);
        assertThat(counted.expectedReplicas(Component.PROMETHEUS)).isEqualTo(2);
        assertThat(counted.expectedReplicas(Component.THANOS_SIDECAR)).isEqualTo(2);
        assertThat(counted.expectedReplicas(Component.ALERTMANAGER)).isEqualTo(3);
    }

    private void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    @Test
    void monitorsAndRulesAreReadWhereTheNamespaceSelectorsPointAndThoseNothingSelectsSayWhy() {
        serveAll();
        namespace(NS, Map.of());
        namespace("team-a", Map.of("monitoring", "enabled"));
        namespace("team-b", Map.of());
        create("v1", "Prometheus", NS, "k8s", Map.of(), Map.of("replicas", 2,
                "serviceMonitorSelector", Map.of(), "serviceMonitorNamespaceSelector", Map.of("matchLabels", Map.of("monitoring", "enabled")),
                "ruleSelector", Map.of("matchExpressions", List.of(Map.of("key", "role", "operator", "In", "values", List.of("alert-rules"))))),
                null);
        create("v1", "Alertmanager", NS, "main", Map.of(), Map.of("replicas", 3, "alertmanagerConfigSelector", Map.of(),
                "alertmanagerConfigNamespaceSelector", Map.of()), null);
        create("v1", "ServiceMonitor", NS, "in-stack-namespace", Map.of(), Map.of(), null);
        create("v1", "ServiceMonitor", "team-a", "app", Map.of(), Map.of(), null);
        create("v1", "ServiceMonitor", "team-b", "not-picked", Map.of(), Map.of(), null);
        create("v1", "PrometheusRule", NS, "labelled", Map.of("role", "alert-rules"), Map.of("groups", List.of()), null);
        create("v1", "PrometheusRule", NS, "unlabelled", Map.of(), Map.of("groups", List.of()), null);
        create("v1alpha1", "AlertmanagerConfig", "team-b", "db-routes", Map.of(), Map.of(), null);

        OperatorResources.Read read = (OperatorResources.Read) new OperatorResources(client).read(NS);

        // team-a is picked by its label; team-b is not, so its monitor is not read; the stack's own namespace is read and
        // its monitor says why the Prometheus does not pick it up.
        assertThat(read.monitors()).extracting(m -> m.namespace() + "/" + m.name(), OperatorResources.Monitor::notSelected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("monitoring/in-stack-namespace",
                        "not selected: Prometheus k8s selects ServiceMonitors labelled everything in namespaces labelled monitoring=enabled"),
                org.assertj.core.groups.Tuple.tuple("team-a/app", ""));
        assertThat(read.rules()).extracting(OperatorResources.Rules::name, OperatorResources.Rules::notSelected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("labelled", ""),
                org.assertj.core.groups.Tuple.tuple("unlabelled", "not selected: Prometheus k8s selects PrometheusRules labelled role in (alert-rules) "
                        + "in monitoring"));
        // {} as the namespace selector: every namespace.
        assertThat(read.alertmanagerConfigs()).containsExactly(new OperatorResources.AlertmanagerConfigRef("team-b", "db-routes", ""));
        assertThat(read.notes()).isEmpty();

        // Without the right to list namespaces, the selected ones are not known: said, and the stack's namespace still read.
        api.forbidReads("/api/v1/namespaces$");
        OperatorResources.Read partial = (OperatorResources.Read) new OperatorResources(client).read(NS);
        assertThat(partial.monitors()).extracting(OperatorResources.Monitor::name, OperatorResources.Monitor::notSelected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("in-stack-namespace", ""));
        assertThat(partial.notes()).singleElement().asString().startsWith("Namespaces cannot be listed (namespaces is forbidden");
        assertThat(OperatorResources.describe(partial)).endsWith("resources in namespaces picked by a namespace selector are not read.");
    }

    @Test
    void shardsMultiplyAndAnEmptyLabelNameSwitchesTheLabelOff() {
        serveAll();
        create("v1", "Prometheus", "sharded", Map.of("replicas", 2, "shards", 3, "replicaExternalLabelName", ""));

        OperatorResources.Read read = (OperatorResources.Read) new OperatorResources(client).read(NS);

        assertThat(read.prometheusPods()).isEqualTo(6);
        assertThat(read.prometheuses().get(0).thanosSidecar()).isFalse();
        assertThat(read.replicaLabel()).contains("");
    }

    @Test
    void withoutTheCrdsTheStackIsNotOperatorRun() {
        assertThat(new OperatorResources(client).read(NS)).isInstanceOf(OperatorResources.NotInstalled.class);
    }

    @Test
    void withoutPermissionToReadThemTheConsoleSaysSoAndFallsBack() {
        serveAll();
        api.userName("alice@example.com");
        api.forbidReads("/apis/monitoring.coreos.com/");

        OperatorResources.Reading reading = new OperatorResources(client).read(NS);

        assertThat(reading).isInstanceOfSatisfying(OperatorResources.Forbidden.class, f -> assertThat(f.sentence())
                .startsWith("prometheus-operator's resources cannot be read in monitoring (prometheuses is forbidden: User \"alice@example.com\"")
                .endsWith("replicas, the replica label and monitors are taken from the pods instead"));
        DiscoveredStack found = new DiscoveredStack(NS, Map.of(), Map.of(Component.PROMETHEUS, 2));
        assertThat(SessionOpenerAccess.withOperatorCounts(found, reading).expectedReplicas(Component.PROMETHEUS)).isEqualTo(2);
    }

    private static DiscoveredPod pod(String name) {
        return new DiscoveredPod(name, NS, Component.PROMETHEUS, "prometheus-operator: operated-prometheus=true", 9090, true, "10.0.0.1", "node-0", "");
    }
}
