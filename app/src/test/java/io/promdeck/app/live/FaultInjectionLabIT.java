package io.promdeck.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.Peer;
import io.promdeck.app.alertmanager.SilenceDraft;
import io.promdeck.app.alertmanager.SilenceOutcome;
import io.promdeck.app.alertmanager.SilenceService;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.Json;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import io.promdeck.testing.Await;
import io.promdeck.testing.FaultProxy;
import io.promdeck.testing.FaultProxy.Fault;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected between the console's clients and the real lab by a {@link FaultProxy} in front of every process:
 * each fault must come back as what it is (a timeout, a cut reply, a reset, a page that is not the API), the other
 * endpoints must keep refreshing, no request may pile up, and the picture must be right again within 30 s of the
 * fault's removal. Detection and recovery times are written to {@code target/fault-report.tsv}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    /** Short, so the test is quick; the console uses 10 s (the UI test runs one fault with it). */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long FLOOR_MILLIS = 500;
    private static final String LOGIN_PAGE = "<!DOCTYPE html><html><head><title>Sign in – Example SSO</title></head>"
            + "<body><form action=/login><input name=user></form></body></html>";

    private static final Map<String, FaultProxy> PROXIES = new LinkedHashMap<>();
    private static final List<String> REPORT = new ArrayList<>();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();

    @BeforeAll
    static void proxies() {
        for (LabMember member : LAB.lab().members()) {
            PROXIES.put(member.name(), new FaultProxy(member.url()));
        }
    }

    @AfterAll
    static void close() throws IOException {
        PROXIES.values().forEach(FaultProxy::close);
        TIMER.shutdownNow();
        WORKERS.shutdownNow();
        Path file = Path.of(System.getProperty("basedir", "."), "target", "fault-report.tsv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "fault\twhat the console shows\tdetected after (ms)\trecovered after heal (ms)\n" + String.join("\n", REPORT) + "\n");
    }

    private static ComponentApi api(String member) {
        return new ComponentApi(new DirectTransport(LAB.lab().http(), PROXIES.get(member).url()), Json.mapper(), TIMEOUT);
    }

    private static PrometheusClient prometheus() {
        return new PrometheusClient(api("prometheus-0"));
    }

    private static AlertmanagerClient alertmanager() {
        return new AlertmanagerClient(api("alertmanager-0"));
    }

    private static void faultAll(String path, Fault fault) {
        PROXIES.values().forEach(p -> p.fault(path, fault));
    }

    private static void heal() {
        PROXIES.values().forEach(FaultProxy::heal);
    }

    @Test
    @Order(1)
    void eachFaultReachesTheClientsAsWhatItIs() {
        try {
            PROXIES.get("prometheus-0").fault("/api/v1/status/buildinfo", new Fault.Delay(Duration.ofSeconds(4)));
            assertThat(prometheus().buildInfo().failure()).get().isInstanceOf(CallError.Timeout.class);

            PROXIES.get("prometheus-0").fault("/api/v1/status/buildinfo", new Fault.Delay(Duration.ofMillis(200)));
            assertThat(prometheus().buildInfo().isOk()).isTrue();

            PROXIES.get("prometheus-0").fault("/api/v1/status/buildinfo", new Fault.Stall());
            long started = System.nanoTime();
            assertThat(prometheus().buildInfo().failure()).get().isInstanceOfSatisfying(CallError.Timeout.class,
                    e -> assertThat(e.problem()).isEqualTo("timed out after 2 s"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(2));

            PROXIES.get("alertmanager-0").fault("/api/v2/alerts", new Fault.CutBody());
            assertThat(alertmanager().alerts().failure()).get().satisfies(e -> assertThat(e.problem())
                    .contains("closed before the whole reply arrived"));

            PROXIES.get("alertmanager-0").fault("/api/v2/status", new Fault.Reset());
            assertThat(alertmanager().status().failure()).get().isInstanceOfSatisfying(CallError.Unreachable.class,
                    e -> assertThat(e.problem()).containsAnyOf("reset", "closed before the whole reply"));

            PROXIES.get("prometheus-0").fault("/api/v1/status/buildinfo", new Fault.Drip(32, Duration.ofMillis(50)));
            assertThat(prometheus().buildInfo().isOk()).as("a slow drip that ends within the timeout").isTrue();
            PROXIES.get("prometheus-0").fault("/api/v1/status/config", new Fault.Drip(16, Duration.ofMillis(100)));
            assertThat(prometheus().config().failure()).as("a drip that outlasts the timeout").get().isInstanceOf(CallError.Timeout.class);

            PROXIES.get("prometheus-0").fault("/api/v1/status/runtimeinfo", new Fault.Answer(200, "text/html", LOGIN_PAGE));
            assertThat(prometheus().runtimeInfo().failure()).get().isInstanceOfSatisfying(CallError.Malformed.class,
                    e -> assertThat(e.reason()).contains("an HTML page 'Sign in – Example SSO' where JSON was expected"));

            PROXIES.get("prometheus-0").fault("/api/v1/status/tsdb", new Fault.Answer(503, "text/html", LOGIN_PAGE));
            assertThat(prometheus().headStats().failure()).get().isInstanceOfSatisfying(CallError.HttpError.class,
                    e -> assertThat(e.message()).contains("Sign in – Example SSO"));
        } finally {
            heal();
        }
    }

    @Test
    @Order(2)
    void actionsAnsweredBySomethingElseAreNotSuccesses() throws InterruptedException {
        try {
            PROXIES.get("prometheus-0").fault("/-/reload", new Fault.Answer(200, "text/plain", "OK"));
            ReloadResult bareOk = prometheus().reload();
            assertThat(bareOk.outcome()).isEqualTo(ReloadResult.Outcome.NOT_DELIVERED);
            assertThat(bareOk.message()).contains("the text 'OK'").contains("instead of the empty reply Prometheus sends to a reload");

            PROXIES.get("prometheus-0").fault("/-/reload", new Fault.Answer(200, "text/html", LOGIN_PAGE));
            assertThat(prometheus().reload().message()).contains("an HTML page 'Sign in – Example SSO'");

            PROXIES.get("alertmanager-0").fault("/api/v2/silences", new Fault.Answer(200, "application/json", "null"));
            var posted = alertmanager().postSilence(SilenceDraft.starting(Instant.now(), Duration.ofMinutes(5),
                    List.of(Matcher.equal("fault", "proxy")), "test", "not sent"));
            assertThat(posted.failure()).get().isInstanceOfSatisfying(CallError.Malformed.class,
                    e -> assertThat(e.reason()).contains("JSON null").contains("has no silenceID"));

            PROXIES.get("alertmanager-0").heal();
            PROXIES.get("alertmanager-0").fault("/api/v2/silence/", new Fault.Answer(200, "text/html", LOGIN_PAGE));
            List<Peer> onlyFirst = List.of(new Peer("alertmanager-0", alertmanager()));
            SilenceOutcome created = new SilenceService(List.of(new Peer("alertmanager-1", new AlertmanagerClient(api("alertmanager-1")))),
                    Clock.systemUTC()).save(SilenceDraft.starting(Instant.now(), Duration.ofMinutes(5),
                    List.of(Matcher.equal("fault", "expire")), "test", "expired through a login page"), Duration.ofSeconds(5));
            String id = ((SilenceOutcome.Done) created).silenceId();
            SilenceOutcome expired = new SilenceService(onlyFirst, Clock.systemUTC()).expire(id, Duration.ofSeconds(2));
            assertThat(expired).isInstanceOfSatisfying(SilenceOutcome.Failed.class, f -> assertThat(f.summary()).contains("an HTML page"));

            // The reload that reached the real Prometheus is confirmed from its own metrics.
            heal();
            assertThat(prometheus().reload().outcome()).isEqualTo(ReloadResult.Outcome.RELOADED);
        } finally {
            heal();
        }
    }

    /** Endpoints over the proxies, refreshed as the console refreshes them. */
    private static final class Watched implements AutoCloseable {
        final AtomicReference<StackState> state = new AtomicReference<>();
        final StackMonitor monitor;
        final RefreshScheduler scheduler;

        /** The longest wait before the next alerts call of any peer (the adaptive interval: the floor or 10x the last answer). */
        long alertsInterval() {
            return LAB.lab().members().stream().filter(m -> m.name().startsWith("alertmanager"))
                    .mapToLong(m -> scheduler.currentIntervalMillis("alerts/" + m.name())).max().orElse(FLOOR_MILLIS);
        }

        Watched() {
            Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
            for (LabMember member : LAB.lab().members()) {
                Component component = member.name().startsWith("prometheus") ? Component.PROMETHEUS : Component.ALERTMANAGER;
                byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(new Endpoint(component, member.name(),
                        new DirectTransport(LAB.lab().http(), PROXIES.get(member.name()).url()), true));
            }
            StackEndpoints endpoints = new StackEndpoints("lab via fault proxies", byComponent,
                    Map.of(Component.PROMETHEUS, 2, Component.ALERTMANAGER, 3));
            scheduler = new RefreshScheduler(TIMER, WORKERS, () -> FLOOR_MILLIS);
            monitor = new StackMonitor(endpoints, scheduler, WORKERS, Clock.systemUTC(),
                    state::set, TIMEOUT);
            monitor.start();
            await("every endpoint answering", s -> s.alertCoverage(Instant.now()).kind() == Coverage.Kind.COMPLETE
                    && s.replicas().size() == 2 && s.replicas().values().stream().allMatch(Snapshot::fresh)
                    && s.peers().size() == 3 && s.peers().values().stream().allMatch(Snapshot::fresh));
        }

        long await(String what, Predicate<StackState> condition) {
            long started = System.nanoTime();
            Await.until(Duration.ofSeconds(40), what, () -> state.get() != null && condition.test(state.get()),
                    () -> String.valueOf(state.get()));
            return Duration.ofNanos(System.nanoTime() - started).toMillis();
        }

        @Override
        public void close() {
            monitor.close();
        }
    }

    @Test
    @Order(3)
    void stalledAlertCallsMakeAlertsUnknownNotZeroWhileEverythingElseKeepsRefreshing() {
        PROXIES.values().forEach(FaultProxy::resetCounts);
        try (Watched watched = new Watched()) {
            long interval = watched.alertsInterval();
            faultAll("/api/v2/alerts", new Fault.Stall());
            Instant faulted = Instant.now();
            long detected = watched.await("alerts unknown", s -> s.alertCoverage(Instant.now()).kind() == Coverage.Kind.STALE);
            Coverage coverage = watched.state.get().alertCoverage(Instant.now());
            assertThat(coverage.sentence()).startsWith("alerts as of").endsWith("all 3 peers timed out after 2 s");
            // The next call starts at most one interval after the fault (a call already past the proxy answers first)
            // and times out; 1.5 s of slack for that call and the state's publication.
            assertThat(detected).as("detected within the interval (%d ms) plus the timeout", interval)
                    .isLessThan(interval + TIMEOUT.toMillis() + 1_500);

            // Meanwhile the status calls of the same peers and the replicas keep answering.
            Instant after = Instant.now();
            watched.await("status calls refreshed after the fault", s -> s.peers().values().stream()
                    .allMatch(p -> p.fresh() && p.takenAt().isAfter(after)) && s.replicas().values().stream()
                    .allMatch(r -> r.fresh() && r.takenAt().isAfter(after)));
            REPORT.add("alerts call stalled on all 3 peers\t" + coverage.sentence() + "\t" + detected + "\t"
                    + recover(watched, s -> s.alertCoverage(Instant.now()).kind() == Coverage.Kind.COMPLETE));
            assertThat(Duration.between(faulted, Instant.now())).isPositive();
        } finally {
            heal();
        }
        PROXIES.values().forEach(p -> assertThat(p.pathsInFlightMoreThanOnce()).as("paths on %s with more than one request in flight", p.url()).isEmpty());
    }

    @Test
    @Order(4)
    void eachFaultOnOneReplicaShowsAsWhatItIsAndClearsWithin30Seconds() {
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("connection reset", new Fault.Reset());
        faults.put("reply cut half-way", new Fault.CutBody());
        faults.put("login page with HTTP 200", new Fault.Answer(200, "text/html", LOGIN_PAGE));
        faults.put("bare 'OK'", new Fault.Answer(200, "text/plain", "OK"));
        faults.put("stall for ever", new Fault.Stall());
        faults.put("slow drip (16 B / 100 ms)", new Fault.Drip(16, Duration.ofMillis(100)));
        faults.put("HTTP 502 from a proxy page", new Fault.Answer(502, "text/html", "<html><title>502 Bad Gateway</title></html>"));
        try (Watched watched = new Watched()) {
            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                PROXIES.get("prometheus-0").fault("/", fault.getValue());
                long detected = watched.await(fault.getKey() + " shown", s -> !s.replicas().get("prometheus-0").fresh()
                        && s.replicas().get("prometheus-0").failure().isPresent());
                Snapshot<ReplicaStatus> broken = watched.state.get().replicas().get("prometheus-0");
                assertThat(broken.freshness()).isEqualTo(Freshness.STALE);
                assertThat(watched.state.get().replicas().get("prometheus-1").fresh()).as("the other replica during " + fault.getKey()).isTrue();
                String shown = broken.failure().orElseThrow().summary();
                heal();
                long recovered = recover(watched, s -> s.replicas().get("prometheus-0").fresh());
                REPORT.add(fault.getKey() + " on prometheus-0\t" + shown + "\t" + detected + "\t" + recovered);
                assertThat(recovered).as("back after " + fault.getKey()).isLessThan(30_000);
            }
        } finally {
            heal();
        }
    }

    private static long recover(Watched watched, Predicate<StackState> good) {
        heal();
        return watched.await("the picture right again", good);
    }
}
