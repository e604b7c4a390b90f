package io.promdeck.bench;

import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.sandbox.NotificationReceiver;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.Topology;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.testing.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time from "Start a local HA stack" to every panel live, as the console does it (receiver, every process started
 * and ready, session opened, first fresh answer of every replica, peer, alerts and silences call), against the
 * slowest process' own readiness in the same run (its launch to its first ready probe: for an Alertmanager, cluster
 * ready with every peer). Goal ≤ 1.3x. Each run measures both, so the pair shares the machine's load.
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.SandboxStartTime -Dbench.args=7}
 */
public final class SandboxStartTime {

    private SandboxStartTime() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Path settings = Files.createTempDirectory("promdeck-bench-settings");
        SessionOpener opener = new SessionOpener(new SettingsFolder(settings), settings, workers, timer, Clock.systemUTC(), () -> 1000);
        List<Double> ratios = new ArrayList<>();
        System.out.printf("run\tstart-to-live ms\tprocesses ready ms\tslowest process (own) ms\tratio\tload%n");
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            try (NotificationReceiver receiver = NotificationReceiver.start(0, workers, Clock.systemUTC())) {
                Sandbox sandbox = Sandbox.start(Topology.HA, Sandboxes.folder(), Sandbox.Options.forTests().withReceiverPort(receiver.port()),
                        Sandbox.Listener.none());
                receiver.forStack(sandbox.notificationsFile(), sandbox::alertmanagerOnPort);
                long processesReady = System.nanoTime();
                CountDownLatch live = new CountDownLatch(1);
                AtomicReference<StackState> last = new AtomicReference<>();
                try (StackSession session = opener.openSandbox(sandbox, new SessionOpener.Listeners(p -> { }, s -> {
                    last.set(s);
                    if (allLive(s)) {
                        live.countDown();
                    }
                }, s -> { }))) {
                    if (!live.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("panels not live after 60 s: " + last.get());
                    }
                    long liveAt = System.nanoTime();
                    long slowest = sandbox.readiness().values().stream().mapToLong(Duration::toMillis).max().orElseThrow();
                    long total = TimeUnit.NANOSECONDS.toMillis(liveAt - t0);
                    double ratio = (double) total / slowest;
                    ratios.add(ratio);
                    System.out.printf("%d\t%d\t%d\t%d\t%.3f\t%s%n", run, total, TimeUnit.NANOSECONDS.toMillis(processesReady - t0), slowest, ratio,
                            Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                } finally {
                    sandbox.stop();
                }
            }
        }
        ratios.sort(Double::compare);
        System.out.printf("median ratio %.3f (min %.3f, max %.3f) over %d runs%n", ratios.get(ratios.size() / 2), ratios.get(0),
                ratios.get(ratios.size() - 1), ratios.size());
        workers.shutdownNow();
        timer.shutdownNow();
        System.exit(0);
    }

    /** Every replica, peer, alerts and silences panel has a fresh answer from every endpoint. */
    static boolean allLive(StackState s) {
        return s.replicas().size() == s.expectedReplicas() && s.peers().size() == s.expectedPeers()
                && s.alerts().size() == s.expectedPeers() && s.silences().size() == s.expectedPeers()
                && allFresh(s.replicas()) && allFresh(s.peers()) && allFresh(s.alerts()) && allFresh(s.silences());
    }

    private static boolean allFresh(Map<String, ? extends Snapshot<?>> snapshots) {
        return snapshots.values().stream().allMatch(Snapshot::fresh);
    }
}
