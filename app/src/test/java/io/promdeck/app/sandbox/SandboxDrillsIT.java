package io.promdeck.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.doctor.Finding;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.testing.Await;
import io.promdeck.testing.Sandboxes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Each drill on a real local stack: it does what it says, the doctor shows what the drill told to expect, and undo restores it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxDrillsIT {

    private static final OkHttpClient HTTP = HttpClients.defaults().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static NotificationReceiver receiver;
    private static Sandbox sandbox;
    private static Drills drills;

    @BeforeAll
    static void start() throws Exception {
        receiver = NotificationReceiver.start(0, WORKERS, Clock.systemUTC());
        sandbox = Sandboxes.start(Topology.HA, receiver.port());
        receiver.forStack(sandbox.notificationsFile(), sandbox::alertmanagerOnPort);
        drills = new Drills(sandbox, Optional.of(receiver), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        drills.close();
        sandbox.stop();
        receiver.close();
        WORKERS.shutdownNow();
        HTTP.dispatcher().executorService().shutdown();
    }

    private static Finding finding(String id) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (StackMonitor monitor = new StackMonitor(sandbox.endpoints(HTTP), new RefreshScheduler(timer, WORKERS, () -> 1000), WORKERS,
                Clock.systemUTC(), s -> { }, Duration.ofSeconds(3), sandbox.shape())) {
            Diagnosis d = Doctor.diagnose(monitor.collectOnce(Duration.ZERO, Duration.ofSeconds(10)), Instant.now());
            return d.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in "
                    + d.findings().stream().map(Finding::id).collect(Collectors.joining(", "))));
        } finally {
            timer.shutdownNow();
        }
    }

    private static AlertmanagerClient peer(String name) {
        return new AlertmanagerClient(new ComponentApi(new DirectTransport(HTTP, sandbox.member(name).url())));
    }

    @Test
    @Order(1)
    void breakingAReplicasConfigIsARefusedReloadTheDoctorFailsAndUndoRepairs() throws Exception {
        Drill drill = new Drill(Drill.Kind.BREAK_CONFIG, "prometheus-1");
        Drills.Entry entry = drills.run(drill);
        assertThat(entry.outcome()).startsWith("wrote an unknown field into prometheus.yml and reloaded: refused — ")
                .contains("promdeck_drill_unknown_field");
        PrometheusClient replica = new PrometheusClient(new ComponentApi(new DirectTransport(HTTP, sandbox.member("prometheus-1").url())));
        assertThat(replica.runtimeInfo().orElseThrow().reloadConfigSuccess()).isFalse();
        Finding reload = finding("prometheus.reload");
        assertThat(reload.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(reload.subjects()).containsExactly("prometheus/prometheus-1");

        assertThat(drills.undo(drill).outcome()).isEqualTo("wrote the original configuration back and reloaded");
        assertThat(replica.runtimeInfo().orElseThrow().reloadConfigSuccess()).isTrue();
        assertThat(finding("prometheus.reload").verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    @Order(2)
    void freezingAnAlertmanagerMakesItsCallsTimeOutAndUndoResumesIt() throws Exception {
        Drill drill = new Drill(Drill.Kind.FREEZE, "alertmanager-2");
        drills.run(drill);
        assertThat(sandbox.process("alertmanager-2").frozen()).isTrue();
        assertThat(peer("alertmanager-2").status().failure()).as("a frozen process answers nothing").isPresent();
        Finding mesh = finding("alertmanager.mesh");
        assertThat(mesh.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(mesh.evidence()).anySatisfy(e -> assertThat(e.text()).contains("timed out"));

        drills.undo(drill);
        assertThat(sandbox.process("alertmanager-2").frozen()).isFalse();
        assertThat(peer("alertmanager-2").status().isOk()).isTrue();
    }

    @Test
    @Order(3)
    void droppingAnAlertmanagerFromTheMeshLeavesItAloneAndUndoRejoinsIt() throws Exception {
        Drill drill = new Drill(Drill.Kind.ISOLATE, "alertmanager-0");
        assertThat(drills.run(drill).outcome()).startsWith("alertmanager-0 runs alone on gossip port ");
        // A new process on the same port: connections pooled to the old one are gone.
        HTTP.connectionPool().evictAll();
        assertThat(peer("alertmanager-0").status().orElseThrow().peers()).hasSize(1);
        Await.until(Duration.ofSeconds(60), "the mesh check failing", () -> {
            try {
                return finding("alertmanager.mesh").verdict() == Verdict.FAIL;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        drills.undo(drill);
        HTTP.connectionPool().evictAll();
        assertThat(peer("alertmanager-0").status().orElseThrow().peers()).hasSize(3);
        assertThat(drills.inEffect()).isEmpty();
    }

    @Test
    @Order(4)
    void aFailingWebhookRefusesTheNotificationsAndUndoLetsTheRetryThrough() throws Exception {
        Drill fail = new Drill(Drill.Kind.WEBHOOK_FAILS, "");
        Drill alert = new Drill(Drill.Kind.TEST_ALERT, "");
        drills.run(fail);
        drills.run(alert);
        Await.until(Duration.ofSeconds(40), "the drill alert's notification refused", () -> receiver.notifications().stream()
                .anyMatch(n -> n.answer() == 500 && n.alerts().stream().anyMatch(a -> a.name().equals("PromdeckDrill"))));

        drills.undo(fail);
        Await.until(Duration.ofSeconds(60), "Alertmanager's retry taken", () -> receiver.notifications().stream()
                .anyMatch(n -> n.answer() == 200 && n.firing() && n.alerts().stream().anyMatch(a -> a.name().equals("PromdeckDrill"))));
        drills.undo(alert);
        assertThat(drills.history()).extracting(e -> e.action() + " " + e.drill().kind()).containsExactly(
                "run BREAK_CONFIG", "undo BREAK_CONFIG", "run FREEZE", "undo FREEZE", "run ISOLATE", "undo ISOLATE",
                "run WEBHOOK_FAILS", "run TEST_ALERT", "undo WEBHOOK_FAILS", "undo TEST_ALERT");
    }
}
