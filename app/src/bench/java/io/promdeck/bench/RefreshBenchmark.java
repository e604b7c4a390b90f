package io.promdeck.bench;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.PeerAlerts;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The console-side work of one alerts refresh at scale (by default 10,000 alerts on each of 3 peers), on JSON captured
 * once from the real lab ({@link CaptureAlerts}): parse every peer's reply through the real client, deduplicate, and
 * compare with the previous list. The peers' own response time is not part of it. Another size: capture it into a
 * folder and pass it, {@code RefreshBenchmark -p alerts=/tmp/alerts-100k}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RefreshBenchmark {

    private final List<AlertmanagerClient> clients = new ArrayList<>();
    private List<DedupedAlert> previous;
    private ExecutorService pool;
    private List<Matcher> filter;

    /** A folder with alerts-peer0..2.json.gz; empty: the 10,000-alert capture in the bench resources. */
    @org.openjdk.jmh.annotations.Param("")
    public String alerts;

    @Setup(Level.Trial)
    public void load() throws IOException {
        for (int i = 0; i < 3; i++) {
            byte[] body;
            try (InputStream in = new GZIPInputStream(alerts.isEmpty() ? RefreshBenchmark.class.getResourceAsStream("/alerts-peer" + i + ".json.gz")
                    : java.nio.file.Files.newInputStream(java.nio.file.Path.of(alerts, "alerts-peer" + i + ".json.gz")))) {
                body = in.readAllBytes();
            }
            clients.add(new AlertmanagerClient(new ComponentApi(new Replay(body, "peer-" + i))));
        }
        pool = Executors.newFixedThreadPool(3);
        previous = refreshParallel();
        filter = Matchers.parse("severity=\"critical\", namespace=~\"team-1.*\"");
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdownNow();
    }

    /** Parse all three peers one after the other, dedup, diff. */
    @Benchmark
    public int refreshSequential() {
        List<PeerAlerts> peers = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            peers.add(new PeerAlerts("peer-" + i, clients.get(i).alerts().orElseThrow().items()));
        }
        List<DedupedAlert> merged = AlertDedup.merge(peers);
        return merged.equals(previous) ? merged.size() : -merged.size();
    }

    /** The same with the three peers parsed in parallel, as the console does (each peer's answer on its own thread). */
    @Benchmark
    public int refreshParallelPeers() {
        List<DedupedAlert> merged = refreshParallel();
        return merged.equals(previous) ? merged.size() : -merged.size();
    }

    private List<DedupedAlert> refreshParallel() {
        List<CompletableFuture<List<Alert>>> futures = new ArrayList<>();
        for (AlertmanagerClient client : clients) {
            futures.add(CompletableFuture.supplyAsync(() -> client.alerts().orElseThrow().items(), pool));
        }
        List<PeerAlerts> peers = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            peers.add(new PeerAlerts("peer-" + i, futures.get(i).join()));
        }
        return AlertDedup.merge(peers);
    }

    /** A filter typed over the 10,000 merged alerts, applied locally. */
    @Benchmark
    public long filterTyped() {
        List<Matcher> typed = Matchers.parse("severity=\"critical\", namespace=~\"team-1.*\"");
        return previous.stream().filter(a -> Matchers.allMatch(typed, a.alert().labels())).count() + filter.size();
    }

    /** A transport that answers every request with the captured body. */
    record Replay(byte[] body, String target) implements Transport {
        @Override
        public TransportResponse exchange(TransportRequest request) {
            return new TransportResponse(200, "application/json", body);
        }

        @Override
        public Route route() {
            return Route.DIRECT;
        }
    }

}
