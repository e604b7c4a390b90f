package io.promdeck.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.prometheus.LoadedConfig;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.testing.Await;
import io.promdeck.testing.Sandboxes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The default local stack end to end, from the product's own code: the rendered configuration with distinct replica
 * labels, the doctor's verdict, and the point of HA — one notification per alert group at the console's receiver,
 * still one after a Prometheus and an Alertmanager are killed. Observation windows are longer than twice
 * Alertmanager's peer timeout (15 s): the third peer would send its own copy after 30 s if the notification log had not
 * reached it.
 */
class SandboxHaIT {

    private static final Duration WINDOW = Duration.ofSeconds(35);

    @Test
    void oneNotificationPerGroupAtTheReceiverAlsoAfterKillingAPrometheusAndAnAlertmanager() throws Exception {
        OkHttpClient http = HttpClients.defaults().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try (NotificationReceiver receiver = NotificationReceiver.start(0, workers, Clock.systemUTC())) {
            Sandbox sandbox = Sandboxes.start(Topology.HA, receiver.port());
            receiver.forStack(sandbox.notificationsFile(), sandbox::alertmanagerOnPort);
            try {
                PrometheusClient replica0 = client(http, sandbox, "prometheus-0");
                PrometheusClient replica1 = client(http, sandbox, "prometheus-1");
                LoadedConfig config0 = replica0.config().orElseThrow();
                LoadedConfig config1 = replica1.config().orElseThrow();
                assertThat(config0.externalLabels()).containsEntry("replica", "prometheus-0").containsEntry("cluster", "sandbox");
                assertThat(config1.externalLabels()).containsEntry("replica", "prometheus-1");
                assertThat(config0.hash()).as("the replicas' configs hash equal apart from the replica label").isEqualTo(config1.hash());
                assertThat(config0.alertRelabelConfigs()).anySatisfy(r -> assertThat(r.values()).contains("labeldrop", "replica"));
                String written = java.nio.file.Files.readString(sandbox.dir().resolve("prometheus-0").resolve("prometheus.yml"));
                assertThat(io.promdeck.app.config.LoadedMatch.prometheus(written, config1.yaml(), "replica").equal())
                        .as("prometheus-1 loaded the file the renderer wrote, apart from its replica label").isTrue();
                assertThat(io.promdeck.app.config.LoadedMatch.prometheus(written.replace("scrape_interval: 5s", "scrape_interval: 7s"), config1.yaml(),
                        "replica").differences()).containsExactly("global.scrape_interval: written 7s, loaded 5s");

                Await.until(Duration.ofSeconds(60), "the first Watchdog notification", () -> firing(receiver).keySet().stream()
                        .anyMatch(k -> k.contains("Watchdog")), () -> receiver.notifications().toString());
                Diagnosis healthy = diagnose(http, workers, sandbox);
                assertThat(healthy.findings()).as(describe(healthy)).filteredOn(f -> f.verdict() == Verdict.FAIL).isEmpty();

                observe(WINDOW);
                Map<String, Integer> first = firing(receiver);
                assertThat(first).as("firing notifications per group in the first %s s", WINDOW.toSeconds())
                        .containsKey("{}:{alertname=\"Watchdog\", cluster=\"sandbox\"}")
                        .allSatisfy((group, count) -> assertThat(count).as(group).isEqualTo(1));
                assertThat(receiver.notifications()).allSatisfy(n -> {
                    assertThat(n.sender()).as("the sending peer, named from its external URL").matches("alertmanager-[0-2]");
                    assertThat(n.receiver()).isEqualTo("default");
                    assertThat(n.alerts()).allSatisfy(a -> assertThat(a.labels()).doesNotContainKey("replica"));
                });

                Drills drills = new Drills(sandbox, Optional.of(receiver), Clock.systemUTC());
                Drill killPrometheus = new Drill(Drill.Kind.KILL, "prometheus-0");
                Drill killAlertmanager = new Drill(Drill.Kind.KILL, "alertmanager-0");
                drills.run(killPrometheus);
                drills.run(killAlertmanager);
                assertThat(sandbox.process("prometheus-0").alive()).isFalse();
                assertThat(drills.inEffect()).containsExactly(killPrometheus, killAlertmanager);
                observe(WINDOW);
                assertThat(firing(receiver)).as("after killing prometheus-0 and alertmanager-0").isEqualTo(first);

                drills.undo(killPrometheus);
                drills.undo(killAlertmanager);
                assertThat(drills.inEffect()).isEmpty();
                assertThat(sandbox.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(Sandbox.MemberStatus.State.RUNNING));

                // A console started now finds the stack from its record, with the restarted members' new pids.
                Sandbox attached = Sandbox.attach(sandbox.dir()).orElseThrow();
                assertThat(attached.liveness()).isEqualTo(Sandbox.Liveness.RUNNING);
                assertThat(attached.status()).extracting(Sandbox.MemberStatus::pid)
                        .containsExactlyElementsOf(sandbox.status().stream().map(Sandbox.MemberStatus::pid).toList());
                assertThat(new Drills(attached, Optional.empty(), Clock.systemUTC()).history()).extracting(Drills.Entry::action)
                        .containsExactly("run", "run", "undo", "undo");

                // A test alert: one notification for it, then one "resolved" when the drill is undone.
                Drill testAlert = new Drill(Drill.Kind.TEST_ALERT, "");
                drills.run(testAlert);
                Await.until(Duration.ofSeconds(30), "the drill's alert notified", () -> count(receiver, "PromdeckDrill", "firing") == 1);
                drills.undo(testAlert);
                Await.until(Duration.ofSeconds(60), "the drill's alert resolved", () -> count(receiver, "PromdeckDrill", "resolved") == 1);
                assertThat(count(receiver, "PromdeckDrill", "firing")).isEqualTo(1);
            } finally {
                sandbox.stop();
            }
            assertThat(sandbox.dir()).doesNotExist();
            assertThat(sandbox.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo(Sandbox.MemberStatus.State.STOPPED));
        } finally {
            workers.shutdownNow();
            http.dispatcher().executorService().shutdown();
        }
    }

    private static PrometheusClient client(OkHttpClient http, Sandbox sandbox, String member) {
        return new PrometheusClient(new ComponentApi(new DirectTransport(http, sandbox.member(member).url())));
    }

    private static Diagnosis diagnose(OkHttpClient http, ExecutorService workers, Sandbox sandbox) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (StackMonitor monitor = new StackMonitor(sandbox.endpoints(http), new RefreshScheduler(timer, workers, () -> 1000), workers,
                Clock.systemUTC(), s -> { }, StackMonitor.CALL_TIMEOUT, sandbox.shape())) {
            return Doctor.diagnose(monitor.collectOnce(Duration.ZERO, Duration.ofSeconds(10)), Instant.now());
        } finally {
            timer.shutdownNow();
        }
    }

    private static String describe(Diagnosis d) {
        return d.findings().stream().map(f -> f.id() + " " + f.verdict() + ": " + f.summary() + " " + f.evidence()).collect(Collectors.joining("\n"));
    }

    /** Firing notifications received per group key. */
    private static Map<String, Integer> firing(NotificationReceiver receiver) {
        Map<String, Integer> counts = new HashMap<>();
        receiver.notifications().stream().filter(Notification::firing).forEach(n -> counts.merge(n.groupKey(), 1, Integer::sum));
        return counts;
    }

    private static long count(NotificationReceiver receiver, String alert, String status) {
        List<Notification> all = receiver.notifications();
        return all.stream().filter(n -> n.status().equals(status) && n.alerts().stream().anyMatch(a -> a.name().equals(alert))).count();
    }

    /** An observation window: nothing to await, the point is that nothing more arrives. */
    private static void observe(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        Await.until(window.plusSeconds(5), "the end of the observation window", () -> System.nanoTime() >= end);
    }
}
