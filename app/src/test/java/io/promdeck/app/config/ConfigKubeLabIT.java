package io.promdeck.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.install.HotReload;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.LabOnMock;
import io.promdeck.testing.kube.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ConfigMap path: the lab behind the mock API server's pod proxy, its rule file in ConfigMap prometheus-rules as
 * the pods mount it, and the test playing the kubelet — it copies the ConfigMap into the file the lab reads only
 * {@value #KUBELET_DELAY_MS} ms after the update. The transaction must not call the change done before the replicas
 * loaded it; with the kubelet stopped it must say so after its bound; a resourceVersion changed in between is a
 * conflict.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigKubeLabIT {

    static final long KUBELET_DELAY_MS = 4000;
    private static final String NS = "monitoring";

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    private static final AtomicBoolean KUBELET_RUNS = new AtomicBoolean(true);
    private static final AtomicLong COPIED_AT = new AtomicLong();
    private static MockApiServer api;
    private static KubernetesClient client;
    private static StackSession session;
    private static ConfigService service;
    private static Path rulesFile;

    @BeforeAll
    static void open() throws Exception {
        api = new MockApiServer();
        api.userName("alice@example.com");
        rulesFile = Path.of(LAB.lab().prometheus(0).readFileConfig().lines().filter(l -> l.strip().startsWith("- /"))
                .findFirst().orElseThrow().strip().substring(2));
        String prometheusYml = LAB.lab().prometheus(0).readFileConfig().replace(rulesFile.toString(), "/etc/prometheus/rules/*.yml");
        LabOnMock.seed(api, LAB.lab(), NS, prometheusYml, Map.of("rules.yml", Files.readString(rulesFile)), LabConfigs.alertmanager(null));
        client = api.server().createClient();
        startKubelet();
        Path dir = Files.createTempDirectory("promdeck-config-kube");
        Path kubeconfig = new KubeconfigWriter().cluster("lab", api.url()).tokenUser("alice", "token-a").context("lab", "lab", "alice", NS)
                .current("lab").write(dir.resolve("config"));
        SessionOpener opener = new SessionOpener(new SettingsFolder(dir.resolve("settings")), dir, WORKERS, TIMER, Clock.systemUTC(), () -> 1000, false);
        session = opener.open(new KubeconfigResolver(Map.of("KUBECONFIG", kubeconfig.toString()), dir).load(), "lab", NS, Optional.empty(),
                new SessionOpener.Listeners(p -> { }, s -> { }, s -> { }));
        ClusterConfigs configs = new ClusterConfigs(client, session.discovered().orElseThrow(), Duration.ofSeconds(10));
        service = new ConfigService(configs, () -> session.monitor().prometheusClients(), () -> session.monitor().alertmanagerClients(),
                () -> "replica", new ConfigChecks(ToolChecks.find(System.getenv(), Optional.empty(), Optional.empty())), WORKERS,
                d -> Thread.sleep(d.toMillis()), new AuditLog(dir.resolve("settings").resolve(AuditLog.FILE)), "alice@example.com", "lab / monitoring",
                Clock.systemUTC());
    }

    /** The kubelet: copies ConfigMap prometheus-rules into the lab's rule file, {@value #KUBELET_DELAY_MS} ms after each change. */
    private static void startKubelet() {
        TIMER.scheduleWithFixedDelay(() -> {
            if (!KUBELET_RUNS.get()) {
                return;
            }
            String wanted = client.configMaps().inNamespace(NS).withName("prometheus-rules").get().getData().get("rules.yml");
            try {
                if (!Files.readString(rulesFile).equals(wanted)) {
                    Thread.sleep(KUBELET_DELAY_MS);
                    if (KUBELET_RUNS.get()) {
                        Files.writeString(rulesFile, wanted);
                        COPIED_AT.set(System.nanoTime());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void close() {
        session.close();
        client.close();
        api.close();
        WORKERS.shutdownNow();
        TIMER.shutdownNow();
    }

    private static ConfigUnit rules() throws Exception {
        return service.units().stream().filter(u -> u.kind() == ConfigKind.RULES).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void sourcesAreFoundFromThePodsMounts() throws Exception {
        List<ConfigUnit> units = service.units();
        assertThat(units).extracting(u -> u.kind() + " " + u.sources()).containsExactly(
                "PROMETHEUS [ConfigMapKey[namespace=monitoring, name=prometheus-config, key=prometheus.yml]]",
                "RULES [ConfigMapKey[namespace=monitoring, name=prometheus-rules, key=rules.yml]]",
                "ALERTMANAGER [ConfigMapKey[namespace=monitoring, name=alertmanager-config, key=alertmanager.yml]]");
        assertThat(rules().endpoints()).containsExactly("prometheus-0", "prometheus-1");
        assertThat(service.read(rules()).inSync()).isTrue();
    }

    @Test
    @Order(2)
    void aRuleChangeIsNotDoneBeforeTheKubeletUpdatedTheFileAndBothReplicasLoadedIt() throws Exception {
        ConfigService.Reading reading = service.read(rules());
        String edited = reading.text() + "      - alert: ThroughTheConfigMap\n        expr: vector(1)\n";
        List<ConfigTransaction.ReplicaProgress> seen = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();

        ConfigTransaction.Result result = service.apply(reading, edited, false, seen::add);

        assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        assertThat(seen).as("the replicas ran the old file while the kubelet had not copied it")
                .anySatisfy(p -> assertThat(p.step()).isEqualTo(ConfigTransaction.Step.WAITING));
        assertThat(result.replicas()).allSatisfy((endpoint, p) -> {
            assertThat(p.reloads()).as("reloaded again until the new file was there").isGreaterThan(1);
            assertThat(p.elapsed().toMillis()).isGreaterThanOrEqualTo(KUBELET_DELAY_MS - 500);
        });
        assertThat(COPIED_AT.get()).as("verified only after the kubelet copied the file").isBetween(started, System.nanoTime());
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().rules().orElseThrow().stream().flatMap(g -> g.rules().stream()).map(RuleGroup.Rule::name))
                    .contains("ThroughTheConfigMap");
        }
        ConfigTransaction.Result back = service.rollback(reading.unit(), result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
    }

    @Test
    @Order(3)
    void aKubeletThatNeverUpdatesTheFileIsSaidPlainlyAfterTheBound() throws Exception {
        ConfigService.Reading reading = service.read(rules());
        KUBELET_RUNS.set(false);
        try {
            ConfigTransaction.Result result = service.apply(reading, reading.text() + "      - alert: NeverSynced\n        expr: vector(1)\n", false,
                    p -> { });
            assertThat(result.outcome()).isEqualTo(ConfigTransaction.Outcome.NOT_EVERYWHERE);
            assertThat(result.replicas()).allSatisfy((endpoint, p) -> {
                assertThat(p.step()).isEqualTo(ConfigTransaction.Step.NOT_SYNCED);
                assertThat(p.message()).startsWith("still runs the previous configuration after 1").contains("the mounted file has not changed yet");
            });
            ConfigTransaction.Result back = service.rollback(reading.unit(), result, p -> { });
            assertThat(back.outcome()).as("the old file never left: the rollback is verified at once").isEqualTo(ConfigTransaction.Outcome.VERIFIED);
            assertThat(client.configMaps().inNamespace(NS).withName("prometheus-rules").get().getData().get("rules.yml")).isEqualTo(reading.text());
        } finally {
            KUBELET_RUNS.set(true);
        }
    }

    @Test
    @Order(4)
    void aResourceVersionChangedInBetweenIsAConflictAndTheirChangeStays() throws Exception {
        ConfigService.Reading reading = service.read(rules());
        String theirs = reading.text() + "# someone else\n";
        client.configMaps().inNamespace(NS).withName("prometheus-rules").edit(cm -> new ConfigMapBuilder(cm).addToData("rules.yml", theirs).build());

        ConfigTransaction.Result result = service.apply(reading, reading.text() + "# mine\n", false, p -> { });

        assertThat(result.outcome()).isEqualTo(ConfigTransaction.Outcome.CONFLICT);
        assertThat(result.sentence()).startsWith("ConfigMap monitoring/prometheus-rules, key rules.yml changed since it was read");
        assertThat(client.configMaps().inNamespace(NS).withName("prometheus-rules").get().getData().get("rules.yml")).isEqualTo(theirs);
    }

    @Test
    @Order(5)
    void theInstallersConfigOnlyPathReloadsTheAppliedConfigMapOnEveryReplicaWithoutRestarts() throws Exception {
        String before = client.configMaps().inNamespace(NS).withName("prometheus-rules").get().getData().get("rules.yml");
        String applied = before + "      - alert: ThroughTheInstaller\n        expr: vector(1)\n";
        // What the installer's Applier does for a configuration-only change: the ConfigMap, nothing else.
        client.configMaps().inNamespace(NS).withName("prometheus-rules").edit(cm -> new ConfigMapBuilder(cm).addToData("rules.yml", applied).build());
        Map<String, Long> startedAt = new java.util.HashMap<>();
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            startedAt.put(r.name(), r.client().runtimeInfo().orElseThrow().startTime().toEpochMilli());
        }
        List<String> steps = new CopyOnWriteArrayList<>();

        HotReload.Outcome outcome = new HotReload(client, Duration.ofSeconds(20), Duration.ofSeconds(5)).run(NS, "replica",
                java.util.Set.of("ConfigMap/prometheus-rules"), steps::add);

        assertThat(outcome.verified()).as(outcome.sentence()).isTrue();
        assertThat(outcome.results()).containsOnlyKeys("Rule file rules.yml");
        assertThat(steps).first().asString().startsWith("Reloading Rule file rules.yml on prometheus-0, prometheus-1 (no pod restarts)");
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().rules().orElseThrow().stream().flatMap(g -> g.rules().stream()).map(RuleGroup.Rule::name))
                    .contains("ThroughTheInstaller");
            assertThat(r.client().runtimeInfo().orElseThrow().startTime().toEpochMilli()).as("not restarted").isEqualTo(startedAt.get(r.name()));
        }
        client.configMaps().inNamespace(NS).withName("prometheus-rules").edit(cm -> new ConfigMapBuilder(cm).addToData("rules.yml", before).build());
        assertThat(new HotReload(client, Duration.ofSeconds(20), Duration.ofSeconds(5)).run(NS, "replica",
                java.util.Set.of("ConfigMap/prometheus-rules"), s -> { }).verified()).isTrue();
    }
}
