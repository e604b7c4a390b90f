package io.promdeck.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.operator.OperatorResources;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.OperatorLab;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acting through prometheus-operator: a rule edit goes to the PrometheusRule (optimistic concurrency on its
 * resourceVersion), and is verified only when every replica loaded the rule file the operator writes for it. The test
 * plays the operator and its config-reloader: it writes the resource's groups to the lab's rule file and reloads.
 */
class OperatorConfigLabIT {

    private static final String NS = OperatorLab.NAMESPACE;
    private static final ResourceDefinitionContext RULES = new ResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP)
            .withVersion("v1").withKind("PrometheusRule").withPlural("prometheusrules").withNamespaced(true).build();

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(OperatorLab.options());

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    private static MockApiServer api;
    private static KubernetesClient client;
    private static StackSession session;
    private static ConfigService service;

    @BeforeAll
    static void open() throws Exception {
        api = new MockApiServer();
        api.userName("alice@example.com");
        for (String[] kind : new String[][] {{"Prometheus", "prometheuses"}, {"PrometheusRule", "prometheusrules"}}) {
            api.serveCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP).withVersion("v1")
                    .withKind(kind[0]).withPlural(kind[1]).withScope("Namespaced").build());
        }
        client = api.server().createClient();
        GenericKubernetesResource prometheus = resource("Prometheus", "kube-prometheus-stack-prometheus", Map.of("replicas", 2,
                "replicaExternalLabelName", "replica"));
        client.genericKubernetesResources(OperatorResources.VERSION, "Prometheus").inNamespace(NS).resource(prometheus).create();
        GenericKubernetesResource rule = resource("PrometheusRule", OperatorLab.RULES, Map.of("groups",
                new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(Files.readString(OperatorLab.rulesFile()), Map.class).get("groups")));
        client.genericKubernetesResources(RULES).inNamespace(NS).resource(rule).create();
        for (int i = 0; i < 2; i++) {
            String pod = "prometheus-kube-prometheus-stack-prometheus-" + i;
            client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod).withLabels(Map.of("operated-prometheus", "true"))
                    .endMetadata().withNewSpec().addNewContainer().withName("prometheus").addNewPort().withContainerPort(9090).endPort().endContainer()
                    .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
            api.routePodProxy(NS, pod, 9090, LAB.lab().prometheus(i).url());
        }
        startOperator();
        Path dir = Files.createTempDirectory("promdeck-operator-config");
        Path kubeconfig = new KubeconfigWriter().cluster("kps", api.url()).tokenUser("alice", "token-a").context("kps", "kps", "alice", NS)
                .current("kps").write(dir.resolve("config"));
        SessionOpener opener = new SessionOpener(new SettingsFolder(dir.resolve("settings")), dir, WORKERS, TIMER, Clock.systemUTC(), () -> 1000, false);
        session = opener.open(new KubeconfigResolver(Map.of("KUBECONFIG", kubeconfig.toString()), dir).load(), "kps", NS, Optional.empty(),
                new SessionOpener.Listeners(p -> { }, s -> { }, s -> { }));
        service = new ConfigService(session.configs().orElseThrow(), () -> session.monitor().prometheusClients(),
                () -> session.monitor().alertmanagerClients(), () -> "replica",
                new ConfigChecks(ToolChecks.find(System.getenv(), Optional.empty(), Optional.empty())), WORKERS, d -> Thread.sleep(d.toMillis()),
                new AuditLog(dir.resolve("settings").resolve(AuditLog.FILE)), "alice@example.com", "kps / monitoring", Clock.systemUTC());
    }

    private static GenericKubernetesResource resource(String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(OperatorResources.VERSION);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** The operator and its config-reloader: the resource's groups into the replicas' rule file, then a reload of each. */
    private static void startOperator() {
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        TIMER.scheduleWithFixedDelay(() -> {
            try {
                GenericKubernetesResource rule = client.genericKubernetesResources(RULES).inNamespace(NS).withName(OperatorLab.RULES).get();
                Object groups = ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups");
                String wanted = yaml.writeValueAsString(Map.of("groups", groups));
                // The operator names the file after the resource's uid, which the API server assigned.
                Path file = OperatorLab.rulesFile().resolveSibling(NS + "-" + OperatorLab.RULES + "-" + rule.getMetadata().getUid() + ".yaml");
                if (!Files.exists(file) || !Files.readString(file).equals(wanted)) {
                    Files.deleteIfExists(OperatorLab.rulesFile());
                    Files.writeString(file, wanted);
                    LAB.lab().prometheus().forEach(r -> r.client().reload());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void close() {
        session.close();
        client.close();
        api.close();
        WORKERS.shutdownNow();
        TIMER.shutdownNow();
    }

    private static ConfigUnit prometheusRule() throws Exception {
        return service.units().stream().filter(u -> u.sources().stream().anyMatch(s -> s instanceof ConfigSource.PrometheusRuleSpec))
                .findFirst().orElseThrow();
    }

    @Test
    void aRuleEditGoesToThePrometheusRuleAndIsVerifiedWhenTheOperatorsReloaderLoadedIt() throws Exception {
        ConfigUnit unit = prometheusRule();
        String uid = client.genericKubernetesResources(RULES).inNamespace(NS).withName(OperatorLab.RULES).get().getMetadata().getUid();
        assertThat(unit.fileName()).isEqualTo("monitoring-kube-prometheus-stack-general.rules-" + uid + ".yaml");
        assertThat(unit.endpoints()).containsExactly("prometheus-kube-prometheus-stack-prometheus-0", "prometheus-kube-prometheus-stack-prometheus-1");
        assertThat(unit.sources()).extracting(ConfigSource::describe)
                .containsExactly("PrometheusRule monitoring/kube-prometheus-stack-general.rules (spec.groups)");
        io.promdeck.testing.Await.until(Duration.ofSeconds(30), "the operator's file loaded on both replicas", () -> {
            try {
                return service.read(unit).inSync();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ConfigService.Reading reading = service.read(unit);

        // Checked as the operator would (promtool), refused at the line before anything is written.
        assertThat(service.check(reading, reading.text().replace("expr: up == 0", "expr: up ==")))
                .anySatisfy(p -> {
                    assertThat(p.message()).isEqualTo("expr: 1:6: unexpected end of input");
                    assertThat(p.line()).isEqualTo(5);
                });

        String edited = reading.text().replaceFirst("(?m)^(\\s*)rules:\\n", "$1rules:\n$1- alert: ThroughTheOperator\n$1  expr: vector(1)\n");
        ConfigTransaction.Result result = service.apply(reading, edited, false, p -> { });

        assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        GenericKubernetesResource stored = client.genericKubernetesResources(RULES).inNamespace(NS).withName(OperatorLab.RULES).get();
        assertThat(String.valueOf(stored.getAdditionalProperties().get("spec"))).contains("ThroughTheOperator");
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().rules().orElseThrow().stream().flatMap(g -> g.rules().stream()).map(RuleGroup.Rule::name))
                    .contains("ThroughTheOperator");
        }

        // Someone else changed the resource since it was read: nothing is overwritten.
        ConfigService.Reading stale = service.read(unit);
        GenericKubernetesResource changed = client.genericKubernetesResources(RULES).inNamespace(NS).withName(OperatorLab.RULES).get();
        changed.getMetadata().setLabels(Map.of("touched", "by-someone-else"));
        client.genericKubernetesResources(RULES).inNamespace(NS).resource(changed).update();
        ConfigTransaction.Result conflict = service.apply(stale, stale.text().replace("ThroughTheOperator", "Overwritten"), false, p -> { });
        assertThat(conflict.outcome()).as(conflict.sentence()).isEqualTo(ConfigTransaction.Outcome.CONFLICT);
        assertThat(String.valueOf(client.genericKubernetesResources(RULES).inNamespace(NS).withName(OperatorLab.RULES).get()
                .getAdditionalProperties().get("spec"))).doesNotContain("Overwritten");

        // A rollback would overwrite that change too: it is refused the same way; put back from a fresh read instead.
        ConfigTransaction.Result back = service.rollback(unit, result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.CONFLICT);
        ConfigTransaction.Result restored = service.apply(service.read(unit), reading.text(), false, p -> { });
        assertThat(restored.outcome()).as(restored.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
    }
}
