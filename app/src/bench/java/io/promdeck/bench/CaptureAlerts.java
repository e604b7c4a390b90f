package io.promdeck.bench;

import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Captures what 3 real Alertmanagers answer with N alerts each (default 10,000): starts the lab, posts the same N
 * alerts to every peer (as two Prometheus replicas would), then saves each peer's {@code GET /api/v2/alerts} gzipped
 * as {@code alerts-peer<i>.json.gz} in the folder given. The benchmarks replay these files, so their runs are
 * repeatable; the 10,000-alert capture is committed under {@code app/src/bench/resources/}, other sizes go to a
 * folder of their own.
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.CaptureAlerts
 * -Dbench.args="src/bench/resources 10000"}
 */
public final class CaptureAlerts {

    static final int DEFAULT_ALERTS = 10_000;

    private CaptureAlerts() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/bench/resources");
        int alerts = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ALERTS;
        if (alerts % 1000 != 0 || alerts <= 0) {
            throw new IllegalArgumentException("the number of alerts is posted in batches of 1,000: give a multiple of 1000, not " + alerts);
        }
        Files.createDirectories(out);
        try (Lab lab = Lab.start(LabOptions.defaults())) {
            for (AlertmanagerPeer peer : lab.alertmanagers()) {
                ComponentApi api = new ComponentApi(new DirectTransport(lab.http(), peer.url()));
                for (int batch = 0; batch < alerts / 1000; batch++) {
                    api.callForText(TransportRequest.postJson("/api/v2/alerts", batchJson(batch)).withTimeout(java.time.Duration.ofSeconds(60)))
                            .orElseThrow();
                }
            }
            for (int i = 0; i < lab.alertmanagers().size(); i++) {
                AlertmanagerPeer peer = lab.alertmanager(i);
                ComponentApi api = new ComponentApi(new DirectTransport(lab.http(), peer.url()));
                long started = System.nanoTime();
                byte[] body = null;
                // At 100,000 alerts Alertmanager may answer 503 "Limit of concurrent GET requests reached" (its
                // --web.get-concurrency): asked again after a pause, as it says.
                for (int attempt = 1; body == null; attempt++) {
                    var answer = api.call(TransportRequest.get("/api/v2/alerts").withTimeout(java.time.Duration.ofSeconds(300)), r -> r.body());
                    if (answer instanceof io.promdeck.app.http.CallResult.Ok<byte[]> ok) {
                        body = ok.value();
                    } else if (attempt == 10) {
                        answer.orElseThrow();
                    } else {
                        System.out.println(peer.name() + ": " + ((io.promdeck.app.http.CallResult.Failed<byte[]>) answer).error().summary() + "; again in 5 s");
                        try {
                            Thread.sleep(5000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                        started = System.nanoTime();
                    }
                }
                System.out.printf("%s answered %d bytes in %d ms%n", peer.name(), body.length, (System.nanoTime() - started) / 1_000_000);
                try (OutputStream file = new GZIPOutputStream(Files.newOutputStream(out.resolve("alerts-peer" + i + ".json.gz")))) {
                    file.write(body);
                }
            }
        }
    }

    private static String batchJson(int batch) {
        return batchJsonFor(batch);
    }

    /** 1,000 synthetic alerts (batch {@code batch}): 50 alert names, 20 namespaces, every 7th critical. */
    static String batchJsonFor(int batch) {
        StringBuilder json = new StringBuilder("[");
        String ends = Instant.now().plusSeconds(6 * 3600).toString();
        for (int i = 0; i < 1000; i++) {
            int n = batch * 1000 + i;
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"labels\":{\"alertname\":\"Bench").append(n % 50).append("\",\"instance\":\"node-").append(n)
                    .append(":9100\",\"job\":\"node\",\"severity\":\"").append(n % 7 == 0 ? "critical" : "warning")
                    .append("\",\"cluster\":\"lab\",\"namespace\":\"team-").append(n % 20).append("\"},")
                    .append("\"annotations\":{\"summary\":\"Bench alert ").append(n).append(" has been firing for a while\",")
                    .append("\"description\":\"Synthetic load for the Promdeck benchmark.\"},")
                    .append("\"endsAt\":\"").append(ends).append("\",\"generatorURL\":\"http://prometheus-0:9090/graph?g0.expr=up\"}");
        }
        return json.append(']').toString();
    }
}
