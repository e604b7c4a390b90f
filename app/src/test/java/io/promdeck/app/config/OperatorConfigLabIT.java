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
import java.util.List;
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
 * Acting through prometheus-operator: a rule edit goes to the PrometheusRule, a routing edit to the AlertmanagerConfig,
 * an external label to the Prometheus resource's spec (optimistic concurrency on each resourceVersion), each verified
 * only when every replica or peer loaded what the operator generates. The test plays the operator and its
 * config-reloader with its own rendering (not the console's): the resource's groups into the lab's rule file, the
 * AlertmanagerConfig's receiver and route into each peer's configuration, the spec's labels into each replica's
 * {@code global} — then a reload. The replica label is the operator's default, {@code prometheus_replica}.
 */
class OperatorConfigLabIT {

    private static final String NS = OperatorLab.NAMESPACE;
    private static final ResourceDefinitionContext RULES = new ResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP)
            .withVersion("v1").withKind("PrometheusRule").withPlural("prometheusrules").withNamespaced(true).build();
    private static final ResourceDefinitionContext AM_CONFIGS = new ResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP)
            .withVersion("v1alpha1").withKind("AlertmanagerConfig").withPlural("alertmanagerconfigs").withNamespaced(true).build();
    private static final ResourceDefinitionContext PROMETHEUSES = new ResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP)
            .withVersion("v1").withKind("Prometheus").withPlural("prometheuses").withNamespaced(true).build();
    private static final String PROMETHEUS = "kube-prometheus-stack-prometheus";
    private static final String AM_CONFIG = "team-db";
    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

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
        for (String[] kind : new String[][] {{"v1", "Prometheus", "prometheuses"}, {"v1", "PrometheusRule", "prometheusrules"},
            {"v1", "Alertmanager", "alertmanagers"}, {"v1alpha1", "AlertmanagerConfig", "alertmanagerconfigs"}}) {
            api.serveCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(OperatorResources.GROUP).withVersion(kind[0])
                    .withKind(kind[1]).withPlural(kind[2]).withScope("Namespaced").build());
        }
        client = api.server().createClient();
        // kube-prometheus-stack's defaults: replicaExternalLabelName unset (prometheus_replica), rules picked by the release label.
        GenericKubernetesResource prometheus = resource("v1", "Prometheus", PROMETHEUS, Map.of("replicas", 2, "scrapeInterval", "2s",
                "evaluationInterval", "1s", "externalLabels", Map.of("cluster", "lab"),
                "ruleSelector", Map.of("matchLabels", Map.of("release", "kube-prometheus-stack")), "ruleNamespaceSelector", Map.of()));
        client.genericKubernetesResources(PROMETHEUSES).inNamespace(NS).resource(prometheus).create();
        GenericKubernetesResource rule = resource("v1", "PrometheusRule", OperatorLab.RULES, Map.of("groups",
                YAML.readValue(Files.readString(OperatorLab.rulesFile()), Map.class).get("groups")));
        rule.getMetadata().setLabels(Map.of("release", "kube-prometheus-stack"));
        client.genericKubernetesResources(RULES).inNamespace(NS).resource(rule).create();
        client.genericKubernetesResources(OperatorResources.VERSION, "Alertmanager").inNamespace(NS).resource(resource("v1", "Alertmanager", "main",
                Map.of("replicas", 3, "alertmanagerConfigSelector", Map.of(), "alertmanagerConfigNamespaceSelector", Map.of()))).create();
        client.genericKubernetesResources(AM_CONFIGS).inNamespace(NS).resource(resource("v1alpha1", "AlertmanagerConfig", AM_CONFIG, ordered(
                "route", ordered("receiver", "db-oncall", "groupBy", List.of("alertname"), "matchers", List.of(ordered("name", "team", "value", "db"))),
                "receivers", List.of(ordered("name", "db-oncall", "webhookConfigs", List.of(Map.of("url", "http://127.0.0.1:9/db"))))))).create();
        for (int i = 0; i < 3; i++) {
            String pod = "alertmanager-main-" + i;
            client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod).withLabels(Map.of("operated-alertmanager", "true"))
                    .endMetadata().withNewSpec().addNewContainer().withName("alertmanager").addNewPort().withContainerPort(9093).endPort().endContainer()
                    .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
            api.routePodProxy(NS, pod, 9093, LAB.lab().alertmanager(i).url());
        }
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
        // The replica label as the session knows it: from the Prometheus resource.
        assertThat(session.monitor().state().replicaLabel().name()).isEqualTo(OperatorLab.REPLICA_LABEL);
        service = ConfigService.forSession(session, ToolChecks.find(System.getenv(), Optional.empty(), Optional.empty()), WORKERS,
                new AuditLog(dir.resolve("settings").resolve(AuditLog.FILE)), "alice@example.com", Clock.systemUTC()).orElseThrow();
    }

    /** A map in the order given, so the spec's YAML reads as written (Map.of's order changes from run to run). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static GenericKubernetesResource resource(String version, String kind, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(OperatorResources.GROUP + "/" + version);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** The operator and its config-reloader: each resource rendered where the replicas and peers load it, then a reload. */
    private static void startOperator() {
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = YAML;
        TIMER.scheduleWithFixedDelay(() -> {
            try {
                renderAlertmanagerConfig();
                renderPrometheusSpec();
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

    /**
     * What the operator generates from the AlertmanagerConfig, written by hand for the shape this test uses: receiver
     * {@code monitoring/team-db/db-oncall} with its webhook, and a route under the top route matching the namespace first.
     */
    @SuppressWarnings("unchecked")
    private static void renderAlertmanagerConfig() throws java.io.IOException {
        Map<String, Object> spec = (Map<String, Object>) client.genericKubernetesResources(AM_CONFIGS).inNamespace(NS).withName(AM_CONFIG).get()
                .getAdditionalProperties().get("spec");
        String prefix = NS + "/" + AM_CONFIG + "/";
        Map<String, Object> config = YAML.readValue(LAB.lab().alertmanager(0).originalConfig(), Map.class);
        Map<String, Object> specRoute = (Map<String, Object>) spec.get("route");
        Map<String, Object> route = new java.util.LinkedHashMap<>();
        route.put("receiver", prefix + specRoute.get("receiver"));
        if (specRoute.get("groupBy") != null) {
            route.put("group_by", specRoute.get("groupBy"));
        }
        if (specRoute.get("groupWait") != null) {
            route.put("group_wait", specRoute.get("groupWait"));
        }
        List<String> matchers = new java.util.ArrayList<>(List.of("namespace=\"" + NS + "\""));
        for (Map<String, Object> m : (List<Map<String, Object>>) specRoute.getOrDefault("matchers", List.of())) {
            matchers.add(m.get("name") + String.valueOf(m.getOrDefault("matchType", "=")) + "\"" + m.get("value") + "\"");
        }
        route.put("matchers", matchers);
        route.put("continue", true);
        ((Map<String, Object>) config.get("route")).put("routes", List.of(route));
        List<Object> receivers = new java.util.ArrayList<>((List<Object>) config.get("receivers"));
        for (Map<String, Object> r : (List<Map<String, Object>>) spec.get("receivers")) {
            List<Object> hooks = ((List<Map<String, Object>>) r.getOrDefault("webhookConfigs", List.of())).stream()
                    .map(h -> (Object) Map.of("url", h.get("url"))).toList();
            receivers.add(Map.of("name", prefix + r.get("name"), "webhook_configs", hooks));
        }
        config.put("receivers", receivers);
        String wanted = YAML.writeValueAsString(config);
        for (io.promdeck.testing.AlertmanagerPeer peer : LAB.lab().alertmanagers()) {
            if (!peer.readFileConfig().equals(wanted)) {
                peer.writeConfig(wanted);
                peer.client().reload();
            }
        }
    }

    /** The Prometheus spec's intervals and external labels into each replica's {@code global}, with the operator's own labels. */
    @SuppressWarnings("unchecked")
    private static void renderPrometheusSpec() throws java.io.IOException {
        Map<String, Object> spec = (Map<String, Object>) client.genericKubernetesResources(PROMETHEUSES).inNamespace(NS).withName(PROMETHEUS).get()
                .getAdditionalProperties().get("spec");
        for (PrometheusReplica replica : LAB.lab().prometheus()) {
            Map<String, Object> config = YAML.readValue(replica.originalConfig(), Map.class);
            Map<String, Object> global = (Map<String, Object>) config.get("global");
            global.put("scrape_interval", spec.getOrDefault("scrapeInterval", "30s"));
            global.put("evaluation_interval", spec.getOrDefault("evaluationInterval", "30s"));
            Map<String, Object> labels = new java.util.LinkedHashMap<>((Map<String, Object>) spec.getOrDefault("externalLabels", Map.of()));
            labels.put("prometheus", NS + "/" + PROMETHEUS);
            labels.put(OperatorLab.REPLICA_LABEL, ((Map<String, Object>) global.get("external_labels")).get(OperatorLab.REPLICA_LABEL));
            global.put("external_labels", labels);
            String wanted = YAML.writeValueAsString(config);
            if (!replica.readFileConfig().equals(wanted)) {
                replica.writeConfig(wanted);
                replica.client().reload();
            }
        }
    }

    private static ConfigUnit unit(ConfigKind kind) throws Exception {
        return service.units().stream().filter(u -> u.kind() == kind && !(u.sources().get(0) instanceof ConfigSource.ConfigMapKey))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " unit"));
    }

    private static ConfigService.Reading inSync(ConfigUnit unit) {
        io.promdeck.testing.Await.until(Duration.ofSeconds(30), "what the operator generates loaded everywhere", () -> {
            try {
                return service.read(unit).inSync();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return service.read(unit);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRoutingEditGoesToTheAlertmanagerConfigCheckedAsTheOperatorWouldAndVerifiedOnEveryPeer() throws Exception {
        ConfigUnit unit = unit(ConfigKind.ALERTMANAGER_CONFIG);
        assertThat(unit.title()).isEqualTo("AlertmanagerConfig (monitoring/team-db)");
        assertThat(unit.endpoints()).containsExactly("alertmanager-main-0", "alertmanager-main-1", "alertmanager-main-2");
        assertThat(unit.sources()).extracting(ConfigSource::describe).containsExactly("AlertmanagerConfig monitoring/team-db (spec)");
        ConfigService.Reading reading = inSync(unit);
        assertThat(reading.text()).contains("receiver: db-oncall");

        // A route naming a receiver the resource does not define: refused at its line, nothing written.
        String unknown = reading.text().replace("receiver: db-oncall", "receiver: db-pager");
        assertThat(service.check(reading, unknown)).anySatisfy(p -> {
            assertThat(p.message()).isEqualTo("the route names the receiver 'db-pager', which is not among this resource's receivers");
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
        });
        assertThat(service.check(reading, reading.text().replaceFirst("(?m)^(\\s*)value: db$", "$1value: db\n$1matchType: \"~\"")))
                .anySatisfy(p -> assertThat(p.message()).isEqualTo("matcher team: matchType '~' is not one of =, !=, =~, !~"));
        String before = String.valueOf(client.genericKubernetesResources(AM_CONFIGS).inNamespace(NS).withName(AM_CONFIG).get().getMetadata()
                .getResourceVersion());
        assertThatRefused(() -> service.apply(reading, unknown, false, p -> { }));
        assertThat(client.genericKubernetesResources(AM_CONFIGS).inNamespace(NS).withName(AM_CONFIG).get().getMetadata().getResourceVersion())
                .isEqualTo(before);

        String edited = reading.text().replace("http://127.0.0.1:9/db", "http://127.0.0.1:9/db-v2");
        ConfigTransaction.Result result = service.apply(reading, edited, false, p -> { });

        assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        for (io.promdeck.testing.AlertmanagerPeer peer : LAB.lab().alertmanagers()) {
            assertThat(peer.client().status().orElseThrow().configOriginal()).contains("monitoring/team-db/db-oncall").contains("db-v2");
        }
        ConfigTransaction.Result back = service.rollback(unit, result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
    }

    @Test
    void anExternalLabelGoesToThePrometheusSpecAndHaLossesAreRefused() throws Exception {
        ConfigUnit unit = unit(ConfigKind.PROMETHEUS_SPEC);
        assertThat(unit.title()).isEqualTo("Prometheus resource (monitoring/kube-prometheus-stack-prometheus)");
        assertThat(unit.endpoints()).containsExactly("prometheus-kube-prometheus-stack-prometheus-0", "prometheus-kube-prometheus-stack-prometheus-1");
        ConfigService.Reading reading = inSync(unit);

        // One replica, or no replica label: HA lost, refused without the explicit override.
        assertThat(service.check(reading, reading.text().replace("replicas: 2", "replicas: 1")))
                .anySatisfy(p -> assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.HA));
        assertThat(service.check(reading, reading.text() + "replicaExternalLabelName: \"\"\n"))
                .anySatisfy(p -> assertThat(p.message()).startsWith("an empty replicaExternalLabelName removes the replica label"));
        assertThat(service.check(reading, reading.text().replace("scrapeInterval: 2s", "scrapeInterval: 2 seconds")))
                .anySatisfy(p -> assertThat(p.message()).isEqualTo("'2 seconds' is not a duration such as 30s, 5m or 1h"));

        String edited = reading.text().replace("cluster: lab", "cluster: lab-eu");
        ConfigTransaction.Result result = service.apply(reading, edited, false, p -> { });

        assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().config().orElseThrow().yaml()).contains("cluster: lab-eu").contains("prometheus: monitoring/kube-prometheus-stack-prometheus");
        }
        ConfigTransaction.Result back = service.rollback(unit, result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
    }

    private static void assertThatRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable apply) {
        org.assertj.core.api.Assertions.assertThatThrownBy(apply).isInstanceOf(ConfigService.Refused.class);
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
