package io.promdeck.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.SilenceDraft;
import io.promdeck.app.cli.PromdeckCli;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.Json;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabMember;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The doctor on the real lab: each fault injected on a healthy lab turns exactly the expected checks red while the
 * others stay green; the lab is healed after each. Then the headless command's table, JSON and exit codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorLabIT {

    private static final TestHttpServer WEBHOOK = new TestHttpServer().answer("/hook", Reply.of(200, "text/plain", ""));

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(LabOptions.defaults()
            .withAlertmanagerConfig(t -> LabConfigs.alertmanager(WEBHOOK.url() + "/hook")));

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static final Duration PASS = Duration.ofSeconds(30);
    private static StackMonitor monitor;

    /** What each replica serves while healthy, to tell after a test whether it needs a reload. */
    private static final Map<String, String> SERVED = new java.util.HashMap<>();

    @BeforeAll
    static void monitor() {
        monitor = monitorOf(endpoints(null));
        LAB.lab().prometheus().forEach(r -> SERVED.put(r.name(), r.client().config().orElseThrow().yaml()));
    }

    @AfterAll
    static void stop() {
        monitor.close();
        TIMER.shutdownNow();
        WORKERS.shutdownNow();
        WEBHOOK.close();
    }

    @AfterEach
    void heal() {
        WEBHOOK.answer("/hook", Reply.of(200, "text/plain", ""));
        LAB.lab().heal();
        List<PrometheusReplica> changed = LAB.lab().prometheus().stream()
                .filter(r -> !r.client().config().orElseThrow().yaml().equals(SERVED.get(r.name()))).toList();
        changed.forEach(r -> assertThat(r.client().reload().succeeded()).as("reload of " + r.name()).isTrue());
        changed.forEach(DoctorLabIT::awaitDiscovery);
    }

    static StackEndpoints endpoints(TestHttpServer thanosQuery) {
        Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
        for (LabMember member : LAB.lab().members()) {
            Component component = member instanceof PrometheusReplica ? Component.PROMETHEUS : Component.ALERTMANAGER;
            byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(new Endpoint(component, member.name(),
                    new DirectTransport(LAB.lab().http(), member.url()), true, member.url().replace("http://", "")));
        }
        if (thanosQuery != null) {
            byComponent.put(Component.THANOS_QUERY, List.of(new Endpoint(Component.THANOS_QUERY, "thanos-query-0",
                    new DirectTransport(LAB.lab().http(), thanosQuery.url()), true)));
        }
        return new StackEndpoints("lab", byComponent, Map.of(Component.PROMETHEUS, 2, Component.ALERTMANAGER, 3));
    }

    static StackMonitor monitorOf(StackEndpoints endpoints) {
        return new StackMonitor(endpoints, new RefreshScheduler(TIMER, WORKERS, () -> 1000), WORKERS, Clock.systemUTC(), s -> { });
    }

    private static Diagnosis diagnose() throws InterruptedException {
        return diagnose(Duration.ZERO);
    }

    /**
     * Two passes back to back, as the live console has (counters judged by what changed between them); {@code later}
     * judges them as if that much time had passed (gossip and discovery have their grace periods).
     */
    private static Diagnosis diagnose(Duration later) throws InterruptedException {
        monitor.collectOnce(Duration.ZERO, PASS);
        StackState state = monitor.collectOnce(Duration.ZERO, PASS);
        return Doctor.diagnose(state, Instant.now().plus(later));
    }

    private static List<String> redThanos(Diagnosis d) {
        return red(d).stream().filter(id -> id.startsWith("thanos.")).toList();
    }

    private static List<String> red(Diagnosis d) {
        return d.findings().stream().filter(f -> f.verdict() == Verdict.FAIL).map(Finding::id).sorted().toList();
    }

    private static String describe(Diagnosis d) {
        return DiagnosisReport.table(d, "lab", false);
    }

    /** Rewrites a replica's config and reloads it, then waits until its Alertmanager discovery has run again. */
    private static void rewriteAndReload(PrometheusReplica replica, UnaryOperator<String> edit) {
        replica.writeConfig(edit.apply(replica.originalConfig()));
        assertThat(replica.client().reload().succeeded()).as("reload of " + replica.name()).isTrue();
        awaitDiscovery(replica);
    }

    /** Prometheus' discovery passes its updates on at most every 5 s: the Alertmanager list is rebuilt after a reload. */
    private static void awaitDiscovery(PrometheusReplica replica) {
        int expected = (int) java.util.Arrays.stream(replica.readFileConfig().split("\n")).filter(l -> l.contains("targets: [")).skip(0)
                .findFirst().map(l -> l.chars().filter(c -> c == ',').count() + 1).orElse(0L).longValue();
        Await.until(Duration.ofSeconds(20), replica.name() + " discovering its Alertmanagers", () -> replica.client().alertmanagers()
                .ok().map(a -> a.active().size() == expected).orElse(false));
    }

    @Test
    @Order(1)
    void aHealthyLabIsAllGreen() throws InterruptedException {
        Diagnosis d = diagnose();
        assertThat(d.findings()).as(describe(d)).allSatisfy(f -> assertThat(f.verdict()).as(f.id()).isEqualTo(Verdict.OK));
        assertThat(d.findings()).hasSize(14);
        assertThat(d.replicaLabel().name()).isEqualTo("replica");
    }

    @Test
    @Order(4)
    void aKilledAlertmanagerTurnsTheMeshRed() throws InterruptedException {
        LAB.lab().alertmanager(2).kill();
        Await.until(Duration.ofSeconds(20), "the survivors to lose it", () -> LAB.lab().alertmanager(0).client().status().orElseThrow().peers().size() == 2);
        Diagnosis d = diagnose();
        assertThat(red(d)).as(describe(d)).containsExactly("alertmanager.mesh");
        assertThat(d.finding("alertmanager.mesh").orElseThrow().evidence()).extracting(Evidence::toString)
                .contains("alertmanager-0: sees 2 of 3 expected peers (ready)").anySatisfy(e -> assertThat(e).startsWith("alertmanager-2: unreachable"));
    }

    @Test
    @Order(5)
    void aBrokenConfigReloadTurnsTheReloadCheckRed() throws InterruptedException {
        PrometheusReplica broken = LAB.lab().prometheus(1);
        broken.writeConfig(broken.originalConfig().replace("scrape_interval: 2s", "scrape_interval: [2s"));
        assertThat(broken.client().reload().succeeded()).isFalse();
        Diagnosis d = diagnose();
        assertThat(red(d)).as(describe(d)).containsExactly("prometheus.reload");
    }

    @Test
    @Order(6)
    void twoReplicasWithOneReplicaValueTurnTheLabelCheckRed() throws InterruptedException {
        for (PrometheusReplica replica : LAB.lab().prometheus()) {
            replica.writeConfig(replica.originalConfig().replaceFirst("replica: prometheus-\\d", "replica: same"));
            assertThat(replica.client().reload().succeeded()).isTrue();
        }
        LAB.lab().prometheus().forEach(DoctorLabIT::awaitDiscovery);
        Diagnosis d = diagnose();
        assertThat(red(d)).as(describe(d)).containsExactly("prometheus.replica-label");
        assertThat(d.finding("prometheus.alert-relabel").orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    @Order(7)
    void aReplicaWithoutTheLabeldropTurnsRelabellingAndConfigRed() throws InterruptedException {
        rewriteAndReload(LAB.lab().prometheus(1), c -> c.replace("  alert_relabel_configs:\n    - action: labeldrop\n      regex: replica\n", ""));
        Diagnosis d = diagnose();
        assertThat(red(d)).as(describe(d)).containsExactly("prometheus.alert-relabel", "prometheus.config");
        assertThat(d.finding("prometheus.alert-relabel").orElseThrow().subjects()).containsExactly("prometheus/prometheus-1");
    }

    @Test
    @Order(8)
    void aReplicaSendingToTwoOfThreePeersTurnsDiscoveryAndConfigRed() throws InterruptedException {
        String third = LAB.lab().topology().alertmanagerTargets().split(",\\s*")[2];
        rewriteAndReload(LAB.lab().prometheus(1), c -> c.replace(", " + third, "").replace(third + ", ", ""));
        Diagnosis d = diagnose(Duration.ofSeconds(20));
        assertThat(red(d)).as(describe(d)).containsExactly("prometheus.alertmanagers", "prometheus.config");
        assertThat(d.finding("prometheus.alertmanagers").orElseThrow().evidence()).anySatisfy(e -> assertThat(e.toString())
                .startsWith("prometheus-1: sends to 2 Alertmanagers").contains("missing alertmanager-2"));
    }

    @Test
    @Order(10)
    void aWebhookAnswering500TurnsNotificationsRed() throws InterruptedException {
        monitor.collectOnce(Duration.ZERO, PASS);
        WEBHOOK.answer("/hook", Reply.of(500, "text/plain", "receiver down"));
        int before = WEBHOOK.received("/hook").size();
        String alert = "[{\"labels\":{\"alertname\":\"DoctorWebhookTest\",\"severity\":\"critical\"}}]";
        for (AlertmanagerPeer peer : LAB.lab().alertmanagers()) {
            assertThat(peer.client().postAlerts(alert).isOk()).isTrue();
        }
        Await.until(Duration.ofSeconds(20), "a failed delivery", () -> WEBHOOK.received("/hook").size() > before);
        Await.until(Duration.ofSeconds(20), "the failure counted", () -> LAB.lab().alertmanagers().stream().anyMatch(p ->
                p.client().metricsText(List.of("alertmanager_notifications_failed_total")).orElseThrow()
                        .sum("alertmanager_notifications_failed_total", Map.of("integration", "webhook")) > 0));
        // The pass after the failure: its counters compared with the pass before it.
        Diagnosis d = Doctor.diagnose(monitor.collectOnce(Duration.ZERO, PASS), Instant.now());
        assertThat(red(d)).as(describe(d)).containsExactly("alertmanager.notifications");
        assertThat(d.finding("alertmanager.notifications").orElseThrow().evidence()).anySatisfy(e -> assertThat(e.text())
                .contains("failed webhook notifications"));
    }

    @Test
    @Order(9)
    void aSilenceCreatedWhileAPeerWasCutOffIsOnSomePeersOnly() throws InterruptedException {
        AlertmanagerPeer cutOff = LAB.lab().alertmanager(2);
        cutOff.isolate();
        try {
            var posted = LAB.lab().alertmanager(0).client().postSilence(SilenceDraft.starting(Instant.now(), Duration.ofHours(1),
                    List.of(Matcher.equal("alertname", "OnlySomePeers")), "doctor", "created while alertmanager-2 was cut off"));
            String id = posted.orElseThrow();
            Await.until(Duration.ofSeconds(10), "gossip to alertmanager-1", () -> LAB.lab().alertmanager(1).client().silence(id).isOk());
            Diagnosis d = diagnose(Duration.ofSeconds(15));
            assertThat(red(d)).as(describe(d)).containsExactly("alertmanager.mesh", "alertmanager.silences");
            assertThat(d.finding("alertmanager.silences").orElseThrow().subjects()).containsExactly("alertmanager/alertmanager-2");
        } finally {
            cutOff.rejoin(3);
        }
    }

    @Test
    @Order(11)
    void anOperatorStackOnTheMockDiffersInPrometheusReplicaOnlyAndIsNotFlagged() throws Exception {
        for (PrometheusReplica replica : LAB.lab().prometheus()) {
            rewriteAndReload(replica, c -> c.replace("replica:", "prometheus_replica:").replace("regex: replica", "regex: prometheus_replica")
                    .replace("cluster: lab", "prometheus: monitoring/k8s"));
        }
        try (MockApiServer api = new MockApiServer()) {
            String ns = "monitoring";
            try (KubernetesClient client = api.server().createClient()) {
                for (int i = 0; i < 2; i++) {
                    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("prometheus-k8s-" + i)
                            .withLabels(Map.of("app.kubernetes.io/name", "prometheus", "operator.prometheus.io/name", "k8s",
                                    "app.kubernetes.io/managed-by", "prometheus-operator", "operated-prometheus", "true"))
                            .endMetadata().withNewSpec().addNewContainer().withName("prometheus").addNewPort().withName("web")
                            .withContainerPort(9090).endPort().endContainer().endSpec().withNewStatus().withPodIP("10.0.0." + i)
                            .endStatus().build()).create();
                    api.routePodProxy(ns, "prometheus-k8s-" + i, 9090, LAB.lab().prometheus(i).url());
                }
                client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName("prometheus-k8s")
                        .endMetadata().withNewSpec().withReplicas(2).endSpec().build()).create();
            }
            Path dir = Files.createTempDirectory("doctor-operator");
            Path kubeconfig = new KubeconfigWriter().cluster("k8s", api.url()).tokenUser("ops", "t").context("k8s", "k8s", "ops", ns)
                    .current("k8s").write(dir.resolve("config"));
            SessionOpener opener = new SessionOpener(new SettingsFolder(dir.resolve("settings")), dir, WORKERS, TIMER, Clock.systemUTC(), () -> 1000, false);
            try (StackSession session = opener.open(new KubeconfigResolver(Map.of("KUBECONFIG", kubeconfig.toString()), dir).load(), "k8s", ns,
                    Optional.empty(), new SessionOpener.Listeners(p -> { }, s -> { }, s -> { }))) {
                StackState state = session.monitor().collectOnce(Duration.ZERO, PASS);
                Diagnosis d = Doctor.diagnose(state, Instant.now());
                assertThat(d.replicaLabel().name()).isEqualTo("prometheus_replica");
                assertThat(d.finding("prometheus.config").orElseThrow().verdict()).as(describe(d)).isEqualTo(Verdict.OK);
                assertThat(d.finding("prometheus.replica-label").orElseThrow().verdict()).isEqualTo(Verdict.OK);
                assertThat(red(d)).as(describe(d)).doesNotContain("prometheus.config", "prometheus.replica-label", "prometheus.alert-relabel");
            }
        }
    }

    private static String stores(List<Map<String, String>> sidecars) throws Exception {
        var data = Json.mapper().createObjectNode();
        var list = data.putArray("sidecar");
        long hourAgo = Instant.now().minusSeconds(3600).toEpochMilli();
        for (int i = 0; i < sidecars.size(); i++) {
            var s = list.addObject().put("name", "sidecar-" + i + ":10901").put("lastCheck", Instant.now().toString()).putNull("lastError")
                    .put("minTime", hourAgo).put("maxTime", Long.MAX_VALUE);
            s.putArray("labelSets").add(Json.mapper().valueToTree(sidecars.get(i)));
        }
        var root = Json.mapper().createObjectNode().put("status", "success");
        root.set("data", data);
        return Json.mapper().writeValueAsString(root);
    }

    @Test
    @Order(12)
    void thanosStoresWithAMissingSidecarOrDuplicateLabelSetsAreRed() throws Exception {
        Map<String, String> first = LAB.lab().prometheus(0).client().config().orElseThrow().externalLabels();
        Map<String, String> second = LAB.lab().prometheus(1).client().config().orElseThrow().externalLabels();
        try (TestHttpServer query = new TestHttpServer()) {
            query.answer("/api/v1/status/flags", Reply.json("{\"status\":\"success\",\"data\":{\"query.replica-label\":\"[replica]\"}}"));
            StackMonitor withThanos = monitorOf(endpoints(query));
            try {
                query.answer("/api/v1/stores", Reply.json(stores(List.of(first))));
                Diagnosis missing = Doctor.diagnose(withThanos.collectOnce(Duration.ZERO, PASS), Instant.now());
                assertThat(redThanos(missing)).as(describe(missing)).containsExactly("thanos.sidecars");
                assertThat(missing.finding("thanos.sidecars").orElseThrow().subjects()).containsExactly("sidecar/prometheus-1");

                query.answer("/api/v1/stores", Reply.json(stores(List.of(first, first, second))));
                Diagnosis duplicate = Doctor.diagnose(withThanos.collectOnce(Duration.ZERO, PASS), Instant.now());
                assertThat(redThanos(duplicate)).as(describe(duplicate)).containsExactly("thanos.duplicates", "thanos.sidecars");

                query.answer("/api/v1/stores", Reply.json(stores(List.of(first, second))));
                Diagnosis good = Doctor.diagnose(withThanos.collectOnce(Duration.ZERO, PASS), Instant.now());
                assertThat(redThanos(good)).as(describe(good)).isEmpty();
                assertThat(good.finding("thanos.query-replica-label").orElseThrow().verdict()).isEqualTo(Verdict.OK);
            } finally {
                withThanos.close();
            }
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PromdeckCli.run(args, new PromdeckCli.Environment(Map.of(), home, Clock.systemUTC()), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path profile(Path dir) throws Exception {
        StringBuilder yaml = new StringBuilder("name: lab\nprometheus:\n");
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            yaml.append("  - {name: ").append(r.name()).append(", url: \"").append(r.url()).append("\"}\n");
        }
        yaml.append("alertmanager:\n");
        for (AlertmanagerPeer p : LAB.lab().alertmanagers()) {
            yaml.append("  - {name: ").append(p.name()).append(", url: \"").append(p.url()).append("\"}\n");
        }
        return Files.writeString(dir.resolve("lab.yaml"), yaml.toString());
    }

    @Test
    @Order(2)
    void theHeadlessCommandPrintsATableOrJsonAndExitsWithTheVerdict() throws Exception {
        Path dir = Files.createTempDirectory("doctor-cli");
        Path profile = profile(dir);

        Run healthy = cli(dir, "doctor", "--profile", profile.toString());
        assertThat(healthy.code()).as(healthy.out() + healthy.err()).isZero();
        assertThat(healthy.out()).contains("Promdeck doctor — profile lab").contains("OK       alertmanager.mesh")
                .contains("0 failed, 0 warnings, 0 unknown, 14 ok — exit code 0");

        LAB.lab().alertmanager(1).kill();
        Await.until(Duration.ofSeconds(20), "the survivors to lose it", () -> LAB.lab().alertmanager(0).client().status().orElseThrow().peers().size() == 2);
        Run failed = cli(dir, "doctor", "--profile", profile.toString(), "--json");
        assertThat(failed.code()).isEqualTo(2);
        JsonNode json = Json.mapper().readTree(failed.out());
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("verdict").asText()).isEqualTo("fail");
        assertThat(json.path("exitCode").asInt()).isEqualTo(2);
        assertThat(json.path("replicaLabel").path("name").asText()).isEqualTo("replica");
        assertThat(json.path("findings").get(0).path("id").asText()).isEqualTo("alertmanager.mesh");
        assertThat(json.path("findings").get(0).path("verdict").asText()).isEqualTo("fail");
        assertThat(json.path("findings").get(0).path("action").asText()).isNotBlank();
        assertThat(json.path("counts").path("fail").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theHeadlessCommandSaysWhenItCouldNotCheck() throws Exception {
        Path dir = Files.createTempDirectory("doctor-cli-bad");
        Path nowhere = Files.writeString(dir.resolve("nowhere.yaml"), "prometheus: [{url: 'http://127.0.0.1:9'}]\n");
        Run unreachable = cli(dir, "doctor", "--profile", nowhere.toString(), "--timeout", "15s");
        assertThat(unreachable.code()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("Could not check: no endpoint of profile nowhere.yaml answered.");

        Run noKubeconfig = cli(dir, "doctor");
        assertThat(noKubeconfig.code()).isEqualTo(3);
        assertThat(noKubeconfig.err()).startsWith("Could not check: ");

        Run badOption = cli(dir, "doctor", "--window", "soon", "--profile", nowhere.toString());
        assertThat(badOption.code()).isEqualTo(3);
        assertThat(badOption.err()).contains("--window: 'soon' is not a duration");

        Run unknown = cli(dir, "doctor", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    }
}
