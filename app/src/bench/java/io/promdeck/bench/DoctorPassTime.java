package io.promdeck.bench;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.live.StackState;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabMember;
import io.promdeck.testing.PrometheusReplica;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * One full doctor pass on the real lab (every check, every endpoint: status, details, counters), its wall time against
 * the slowest endpoint's own time in that pass (the longest task: one endpoint's calls one after another). Goal: ≤ 1.2x.
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.DoctorPassTime}
 */
public final class DoctorPassTime {

    private static final int WARMUP = 5;
    private static final int PASSES = 30;

    private DoctorPassTime() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Lab lab = Lab.start()) {
            Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
            for (LabMember m : lab.members()) {
                Component c = m instanceof PrometheusReplica ? Component.PROMETHEUS : Component.ALERTMANAGER;
                byComponent.computeIfAbsent(c, k -> new ArrayList<>()).add(new Endpoint(c, m.name(), new DirectTransport(lab.http(), m.url()), true,
                        m.url().replace("http://", "")));
            }
            StackEndpoints endpoints = new StackEndpoints("lab", byComponent, Map.of(Component.PROMETHEUS, 2, Component.ALERTMANAGER, 3));
            try (StackMonitor monitor = new StackMonitor(endpoints, new RefreshScheduler(timer, workers, () -> 1000), workers, Clock.systemUTC(), s -> { })) {
                List<Double> ratios = new ArrayList<>();
                List<Long> walls = new ArrayList<>();
                List<Long> slowest = new ArrayList<>();
                List<Double> endpointRatios = new ArrayList<>();
                List<Long> endpointTotals = new ArrayList<>();
                for (int i = 0; i < WARMUP + PASSES; i++) {
                    long started = System.nanoTime();
                    StackState state = monitor.collectOnce(Duration.ZERO, Duration.ofSeconds(30));
                    Diagnosis diagnosis = Doctor.diagnose(state, Instant.now());
                    long wall = System.nanoTime() - started;
                    long longest = snapshots(state).mapToLong(s -> s.responseTime().toNanos()).max().orElse(1);
                    if (i >= WARMUP) {
                        walls.add(wall / 1_000_000);
                        slowest.add(longest / 1_000_000);
                        ratios.add((double) wall / longest);
                    }
                    if (i == WARMUP) {
                        System.out.println("findings: " + diagnosis.counts());
                    }
                    long slowestEndpoint = perEndpoint(state).values().stream().mapToLong(Long::longValue).max().orElse(1);
                    if (i >= WARMUP) {
                        endpointRatios.add((double) wall / slowestEndpoint);
                        endpointTotals.add(slowestEndpoint / 1_000_000);
                    }
                }
                ratios.sort(null);
                System.out.printf("doctor pass (%d passes, load %s): wall median %d ms, slowest endpoint median %d ms, ratio median %.2f (%.2f–%.2f)%n",
                        PASSES, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip(), median(walls), median(slowest),
                        ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
                endpointRatios.sort(null);
                System.out.printf("  against the slowest endpoint's total (all its calls of the pass, summed): median %d ms, ratio median %.2f (%.2f–%.2f)%n",
                        median(endpointTotals), endpointRatios.get(endpointRatios.size() / 2), endpointRatios.get(0),
                        endpointRatios.get(endpointRatios.size() - 1));
            }
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static Stream<Snapshot<?>> snapshots(StackState state) {
        List<Snapshot<?>> all = new ArrayList<>();
        state.snapshotsByKind().values().forEach(all::addAll);
        all.addAll(state.details().replicas().values());
        all.addAll(state.details().peerMetrics().values());
        return all.stream();
    }

    /** Each endpoint's time in the pass: the sum of its tasks' times (status, details, alerts, silences, counters). */
    private static Map<String, Long> perEndpoint(StackState state) {
        Map<String, Long> sums = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, Snapshot<?>> add = (name, s) -> sums.merge(name, s.responseTime().toNanos(), Long::sum);
        state.replicas().forEach(add);
        state.peers().forEach(add);
        state.alerts().forEach(add);
        state.silences().forEach(add);
        state.details().replicas().forEach(add);
        state.details().peerMetrics().forEach(add);
        return sums;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
