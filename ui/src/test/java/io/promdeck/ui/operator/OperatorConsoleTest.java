package io.promdeck.ui.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.promdeck.app.operator.OperatorResources;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.OperatorLab;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * A stack run by prometheus-operator, as kube-prometheus-stack sets it up: the CRDs served by the mock API server, the
 * resources modelled on its defaults, pods labelled as the operator labels them, and the lab's real replicas behind the
 * pod proxy configured as the operator configures them. The console finds the operator, shows targets by monitor and
 * rules by PrometheusRule, and the doctor judges them.
 */
class OperatorConsoleTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(OperatorLab.options());

    private static final String NS = OperatorLab.NAMESPACE;
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static MockApiServer api;
    private static ConsoleFixture console;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        api = new MockApiServer();
        for (String[] kind : new String[][] {{"v1", "Prometheus", "prometheuses"}, {"v1", "Alertmanager", "alertmanagers"},
            {"v1", "ServiceMonitor", "servicemonitors"}, {"v1", "PrometheusRule", "prometheusrules"}}) {
            api.serveCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP).withVersion(kind[0])
                    .withKind(kind[1]).withPlural(kind[2]).withScope("Namespaced").build());
        }
        Path dir = Files.createTempDirectory("promdeck-ui-operator");
        Path kubeconfig = new KubeconfigWriter().cluster("kps", api.url()).tokenUser("alice", "token-a").context("kps", "kps", "alice", NS)
                .current("kps").write(dir.resolve("config"));
        try (KubernetesClient client = api.server().createClient()) {
            // kube-prometheus-stack's defaults: the replica label prometheus_replica (replicaExternalLabelName unset), monitors and
            // rules picked by the release label in every namespace.
            Map<String, Object> release = Map.of("matchLabels", Map.of("release", "kube-prometheus-stack"));
            resource(client, "Prometheus", "kube-prometheus-stack-prometheus", Map.of(), Map.of("replicas", 2, "serviceMonitorSelector", release,
                    "serviceMonitorNamespaceSelector", Map.of(), "ruleSelector", release, "ruleNamespaceSelector", Map.of()));
            resource(client, "Alertmanager", "kube-prometheus-stack-alertmanager", Map.of(), Map.of("replicas", 3));
            Map<String, String> labels = Map.of("release", "kube-prometheus-stack");
            resource(client, "ServiceMonitor", OperatorLab.UP_MONITOR, labels, Map.of());
            resource(client, "ServiceMonitor", OperatorLab.DOWN_MONITOR, labels, Map.of());
            resource(client, "ServiceMonitor", "typo-in-selector", labels, Map.of("selector", Map.of("matchLabels", Map.of("app", "grafanna"))));
            // Made by hand without the release label: the Prometheus resource does not pick it up.
            resource(client, "ServiceMonitor", "hand-made", Map.of(), Map.of("selector", Map.of("matchLabels", Map.of("app", "billing"))));
            resource(client, "PrometheusRule", OperatorLab.RULES, labels, Map.of("groups", List.of(Map.of("name", OperatorLab.RULE_GROUP))));
            for (int i = 0; i < 2; i++) {
                pod(client, "prometheus-kube-prometheus-stack-prometheus-" + i, "operated-prometheus", 9090);
                api.routePodProxy(NS, "prometheus-kube-prometheus-stack-prometheus-" + i, 9090, LAB.lab().prometheus(i).url());
            }
            for (int i = 0; i < 3; i++) {
                pod(client, "alertmanager-kube-prometheus-stack-alertmanager-" + i, "operated-alertmanager", 9093);
                api.routePodProxy(NS, "alertmanager-kube-prometheus-stack-alertmanager-" + i, 9093, LAB.lab().alertmanager(i).url());
            }
        }
        console = ConsoleFixture.start(kubeconfig.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        api.close();
    }

    private static void resource(KubernetesClient client, String kind, String name, Map<String, String> labels, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(OperatorResources.VERSION);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withLabels(labels).build());
        resource.setAdditionalProperty("spec", spec);
        client.genericKubernetesResources(OperatorResources.VERSION, kind).inNamespace(NS).resource(resource).create();
    }

    private static void pod(KubernetesClient client, String name, String label, int port) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of(label, "true")).endMetadata()
                .withNewSpec().addNewContainer().withName(label.substring("operated-".length())).addNewPort().withContainerPort(port).endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    private String text(String query) {
        return Fx.get(() -> ((Label) robot.lookup(query).query()).getText());
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rows(String table) {
        return Fx.get(() -> List.copyOf(((TableView<T>) robot.lookup(table).query()).getItems()));
    }

    @Test
    void anOperatorRunStackShowsTargetsByMonitorRulesByResourceAndTheDoctorsVerdict() {
        Await.until(WAIT, "the current context preselected", () -> Fx.get(() -> ((ListView<?>) robot.lookup("#contexts").query())
                .getSelectionModel().getSelectedItem()) != null);
        robot.clickOn("#connect");
        Await.until(WAIT, "connected", () -> text("#health").startsWith("Connected"), () -> text("#health"));

        robot.clickOn("#nav-connect");
        Await.until(WAIT, "the operator's resources", () -> robot.lookup("#connect-operator").tryQuery().isPresent());
        assertThat(text("#connect-operator")).isEqualTo("Run by prometheus-operator — Prometheus kube-prometheus-stack-prometheus: 2 replicas, "
                + "replica label 'prometheus_replica'; Alertmanager kube-prometheus-stack-alertmanager: 3 replicas; 4 monitors; 1 PrometheusRule.");

        robot.clickOn("#nav-operator");
        Await.until(WAIT, "targets by monitor, the down one seen on both replicas", () -> this.<OperatorViewModel.MonitorLine>rows("#operator-monitors")
                .stream().anyMatch(m -> m.name().equals(OperatorLab.DOWN_MONITOR) && m.targets().contains("prometheus-kube-prometheus-stack-prometheus-1: 0 up, 1 down")));
        List<OperatorViewModel.MonitorLine> monitors = rows("#operator-monitors");
        assertThat(monitors).filteredOn(m -> m.name().equals(OperatorLab.UP_MONITOR)).singleElement().satisfies(m -> {
            assertThat(m.problem()).isEmpty();
            assertThat(m.pools()).isEqualTo("serviceMonitor/monitoring/kube-prometheus-stack-prometheus/0");
        });
        assertThat(monitors).filteredOn(m -> m.name().equals("typo-in-selector")).singleElement()
                .satisfies(m -> assertThat(m.problem()).startsWith("selects nothing: no scrape pool serviceMonitor/monitoring/typo-in-selector/…"));
        assertThat(monitors).filteredOn(m -> m.name().equals("hand-made")).singleElement().satisfies(m -> assertThat(m.problem()).isEqualTo(
                "not selected: Prometheus kube-prometheus-stack-prometheus selects ServiceMonitors labelled release=kube-prometheus-stack in every namespace"));
        assertThat(monitors).filteredOn(m -> m.name().equals(OperatorLab.DOWN_MONITOR)).singleElement()
                .satisfies(m -> assertThat(m.problem()).startsWith("targets down (").contains("connection refused"));
        Await.until(WAIT, "the PrometheusRule's rules on both replicas", () -> this.<OperatorViewModel.RuleLine>rows("#operator-rules").size() == 4);
        assertThat(this.<OperatorViewModel.RuleLine>rows("#operator-rules")).allSatisfy(r -> {
            assertThat(r.resource()).isEqualTo(OperatorLab.RULES);
            assertThat(r.health()).isEqualTo("ok");
        });
        console.screenshot("operator");

        robot.clickOn("#nav-prometheus");
        Await.until(WAIT, "the operator's reloader named", () -> text("#replicas-operator-note").startsWith("prometheus-operator's config-reloader"));

        robot.clickOn("#nav-overview");
        Await.until(WAIT, "the doctor's operator finding", () -> Fx.get(() -> ((ListView<io.promdeck.app.doctor.Finding>) robot.lookup("#overview-findings")
                .query()).getItems().stream().anyMatch(f -> f.id().equals("operator.monitors"))));
        io.promdeck.app.doctor.Finding monitorsFinding = Fx.get(() -> ((ListView<io.promdeck.app.doctor.Finding>) robot.lookup("#overview-findings")
                .query()).getItems().stream().filter(f -> f.id().equals("operator.monitors")).findFirst().orElseThrow());
        assertThat(monitorsFinding.verdict()).isEqualTo(io.promdeck.app.doctor.Verdict.WARN);
        assertThat(monitorsFinding.summary()).isEqualTo("2 of 4 monitors select nothing or are not selected: typo-in-selector, hand-made");
        console.screenshot("operator-overview");

        // The same stack with credentials that may not read the operator's resources: said, and the pods' counts used.
        api.forbidReads("/apis/monitoring.coreos.com/");
        robot.clickOn("#nav-connect");
        robot.clickOn("#connect");
        Await.until(WAIT, "reconnected: the doctor cannot judge the operator's resources", () -> Fx.get(() -> robot.lookup("#overview-findings")
                .tryQuery().map(n -> ((ListView<io.promdeck.app.doctor.Finding>) n).getItems().stream().anyMatch(f -> f.id().equals("operator.access")
                        && f.verdict() == io.promdeck.app.doctor.Verdict.UNKNOWN)).orElse(false)));
        console.screenshot("operator-forbidden-overview");
        robot.clickOn("#nav-connect");
        Await.until(WAIT, "the connect screen's operator sentence", () -> robot.lookup("#connect-operator").tryQuery().isPresent());
        String sentence = text("#connect-operator");
        assertThat(sentence).startsWith("prometheus-operator's resources cannot be read in monitoring (prometheuses is forbidden")
                .endsWith("replicas, the replica label and monitors are taken from the pods instead.");
        console.screenshot("operator-forbidden");
    }
}
