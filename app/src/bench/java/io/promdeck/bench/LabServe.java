package io.promdeck.bench;

import io.promdeck.testing.Lab;
import io.promdeck.testing.LabMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps the lab (2 Prometheus, 3 Alertmanagers) running for benchmarks that need a live stack, and writes a direct
 * profile naming it. Runs until killed (the lab's shutdown hook stops exactly its processes). Optionally loads it
 * first: N alerts on every Alertmanager (as Prometheus sends each alert to every peer; {@code CaptureAlerts}' alerts,
 * ending in 6 hours) and M silences (created on one peer, gossiped to the others), for the console's memory under
 * load ({@code jlink/bench-memory.sh} with {@code ALERTS} and {@code SILENCES}).
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.LabServe
 * -Dbench.args="/tmp/lab-profile.yaml [alerts] [silences]"}
 */
public final class LabServe {

    private LabServe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path profile = Path.of(args.length > 0 ? args[0] : "lab-profile.yaml");
        int alerts = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int silences = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (alerts % 1000 != 0) {
            throw new IllegalArgumentException("alerts are posted in batches of 1,000: give a multiple of 1000, not " + alerts);
        }
        Lab lab = Lab.start();
        load(lab, alerts, silences);
        StringBuilder yaml = new StringBuilder("name: lab\nprometheus:\n");
        for (LabMember m : lab.prometheus()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        yaml.append("alertmanager:\n");
        for (LabMember m : lab.alertmanagers()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        Files.writeString(profile, yaml);
        System.out.println("lab ready in " + lab.startup().toMillis() + " ms; profile " + profile.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "lab-serve-stop"));
        new CountDownLatch(1).await();
    }

    private static void load(Lab lab, int alerts, int silences) {
        for (io.promdeck.testing.AlertmanagerPeer peer : lab.alertmanagers()) {
            io.promdeck.app.http.ComponentApi api = new io.promdeck.app.http.ComponentApi(new io.promdeck.app.http.DirectTransport(lab.http(), peer.url()));
            for (int batch = 0; batch < alerts / 1000; batch++) {
                api.callForText(io.promdeck.app.http.TransportRequest.postJson("/api/v2/alerts", CaptureAlerts.batchJsonFor(batch))
                        .withTimeout(java.time.Duration.ofSeconds(60))).orElseThrow();
            }
        }
        if (silences > 0) {
            io.promdeck.app.http.ComponentApi api = new io.promdeck.app.http.ComponentApi(new io.promdeck.app.http.DirectTransport(lab.http(),
                    lab.alertmanager(0).url()));
            String ends = java.time.Instant.now().plusSeconds(6 * 3600).toString();
            for (int i = 0; i < silences; i++) {
                String silence = "{\"matchers\":[{\"name\":\"instance\",\"value\":\"node-" + i + ":9100\",\"isRegex\":false,\"isEqual\":true}],"
                        + "\"startsAt\":\"" + java.time.Instant.now() + "\",\"endsAt\":\"" + ends + "\",\"createdBy\":\"bench\","
                        + "\"comment\":\"memory benchmark silence " + i + "\"}";
                api.callForText(io.promdeck.app.http.TransportRequest.postJson("/api/v2/silences", silence)
                        .withTimeout(java.time.Duration.ofSeconds(30))).orElseThrow();
            }
        }
        if (alerts > 0 || silences > 0) {
            System.out.println("loaded " + alerts + " alerts on each Alertmanager and " + silences + " silences");
        }
    }
}
