package io.promdeck.bench;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the replies 3 Alertmanagers would give with N alerts each, in the format {@code CaptureAlerts} records from
 * real ones (same fields and order, the alerts {@code CaptureAlerts} posts, each peer its own updatedAt, the list sorted by
 * fingerprint as Alertmanager's {@code GET /api/v2/alerts} answers — the captured replies are), for
 * sizes a real Alertmanager here cannot serve: at 100,000 alerts Alertmanager 0.25 on this 2-core machine answered
 * {@code GET /api/v2/alerts} with 503 "Limit of concurrent GET requests reached (8)" or not within minutes while it
 * ingested and grouped them (README, Performance). Fingerprints are FNV-1a over the sorted labels, as Alertmanager's
 * model does, so the 3 peers agree on them.
 *
 * <p>Args: {@code <folder> <alerts per peer>}.
 */
public final class SynthesizeAlerts {

    private SynthesizeAlerts() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int alerts = Integer.parseInt(args[1]);
        Files.createDirectories(out);
        Instant starts = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);
        Instant ends = starts.plusSeconds(6 * 3600);
        List<String> records = new ArrayList<>(alerts);
        for (int n = 0; n < alerts; n++) {
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", "Bench" + n % 50, "instance", "node-" + n + ":9100", "job", "node",
                    "severity", n % 7 == 0 ? "critical" : "warning", "cluster", "lab", "namespace", "team-" + n % 20));
            StringBuilder l = new StringBuilder("{");
            labels.forEach((k, v) -> l.append(l.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
            l.append('}');
            records.add("{\"annotations\":{\"description\":\"Synthetic load for the Promdeck benchmark.\",\"summary\":\"Bench alert " + n
                    + " has been firing for a while\"},\"endsAt\":\"" + ends + "\",\"fingerprint\":\"" + String.format("%016x", fingerprint(labels))
                    + "\",\"receivers\":[{\"name\":\"lab-receiver\"}],\"startsAt\":\"" + starts + "\",\"status\":{\"inhibitedBy\":[],"
                    + "\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"%UPDATED%\",\"generatorURL\":\"http://prometheus-0:9090/graph?g0.expr=up\","
                    + "\"labels\":" + l + "}");
        }
        for (int peer = 0; peer < 3; peer++) {
            List<String> order = new ArrayList<>(records);
            order.sort(java.util.Comparator.comparing(r -> r.substring(r.indexOf("\"fingerprint\":\""))));
            String updated = starts.plusMillis(17 + peer).toString();
            try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out.resolve("alerts-peer" + peer + ".json.gz"))),
                    StandardCharsets.UTF_8)) {
                w.write('[');
                for (int i = 0; i < order.size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(order.get(i).replace("%UPDATED%", updated));
                }
                w.write(']');
            }
        }
        System.out.println("wrote 3 replies of " + alerts + " alerts to " + out);
    }

    /** FNV-1a 64 over label names and values separated by 0xff, as Alertmanager's (Prometheus') model fingerprints a label set. */
    static long fingerprint(Map<String, String> sorted) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            for (String s : new String[] {e.getKey(), e.getValue()}) {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    h ^= b & 0xff;
                    h *= 0x100000001b3L;
                }
                h ^= 0xff;
                h *= 0x100000001b3L;
            }
        }
        return h;
    }
}
