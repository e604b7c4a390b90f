package io.promdeck.bench;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.PeerAlerts;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.Json;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Refresh wall time against the slowest peer, on the real lab with 10,000 alerts on each of the 3 Alertmanagers:
 * each round fetches and parses the three peers in parallel (as the console does, one task per peer) and merges
 * them; it reports the round's wall time and the slowest peer's HTTP time alone, and their ratio.
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.RefreshWallTime}
 */
public final class RefreshWallTime {

    private static final int ROUNDS = 10;

    private RefreshWallTime() {
    }

    /** Records how long the HTTP exchange itself took. */
    static final class TimedTransport implements Transport {
        private final Transport inner;
        volatile long lastNanos;

        TimedTransport(Transport inner) {
            this.inner = inner;
        }

        @Override
        public TransportResponse exchange(TransportRequest request) throws IOException {
            long started = System.nanoTime();
            try {
                return inner.exchange(request);
            } finally {
                lastNanos = System.nanoTime() - started;
            }
        }

        @Override
        public String target() {
            return inner.target();
        }

        @Override
        public Route route() {
            return inner.route();
        }
    }

    public static void main(String[] args) {
        try (Lab lab = Lab.start(LabOptions.defaults())) {
            for (AlertmanagerPeer peer : lab.alertmanagers()) {
                ComponentApi api = new ComponentApi(new DirectTransport(lab.http(), peer.url()));
                for (int batch = 0; batch < CaptureAlerts.DEFAULT_ALERTS / 1000; batch++) {
                    api.callForText(TransportRequest.postJson("/api/v2/alerts", batchJson(batch)).withTimeout(Duration.ofSeconds(60))).orElseThrow();
                }
            }
            List<TimedTransport> transports = new ArrayList<>();
            List<AlertmanagerClient> clients = new ArrayList<>();
            for (AlertmanagerPeer peer : lab.alertmanagers()) {
                TimedTransport transport = new TimedTransport(new DirectTransport(lab.http(), peer.url()));
                transports.add(transport);
                clients.add(new AlertmanagerClient(new ComponentApi(transport, Json.mapper(), Duration.ofSeconds(60))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            double[] ratios = new double[ROUNDS];
            for (int round = -2; round < ROUNDS; round++) {
                long started = System.nanoTime();
                List<CompletableFuture<List<Alert>>> futures = new ArrayList<>();
                for (AlertmanagerClient client : clients) {
                    futures.add(CompletableFuture.supplyAsync(() -> client.alerts().orElseThrow().items(), pool));
                }
                List<PeerAlerts> peers = new ArrayList<>();
                for (int i = 0; i < futures.size(); i++) {
                    peers.add(new PeerAlerts("am-" + i, futures.get(i).join()));
                }
                int merged = AlertDedup.merge(peers).size();
                long wall = System.nanoTime() - started;
                long slowest = transports.stream().mapToLong(t -> t.lastNanos).max().orElse(1);
                if (round >= 0) {
                    ratios[round] = (double) wall / slowest;
                }
                System.out.printf("round %2d: %d alerts, wall %4d ms, slowest peer HTTP %4d ms, ratio %.2f%n", round, merged,
                        wall / 1_000_000, slowest / 1_000_000, (double) wall / slowest);
            }
            pool.shutdownNow();
            Arrays.sort(ratios);
            System.out.printf("median ratio %.2f (min %.2f, max %.2f) over %d rounds%n", ratios[ROUNDS / 2], ratios[0], ratios[ROUNDS - 1], ROUNDS);
        }
    }

    private static String batchJson(int batch) {
        return CaptureAlerts.batchJsonFor(batch);
    }
}
