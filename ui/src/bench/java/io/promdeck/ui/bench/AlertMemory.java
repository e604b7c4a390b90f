package io.promdeck.ui.bench;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.AlertSharing;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.PeerAlerts;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import io.promdeck.ui.alerts.AlertRow;
import io.promdeck.ui.alerts.AlertsViewModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What the console keeps and allocates for N alerts on each of 3 peers, on replies captured from real Alertmanagers
 * ({@code CaptureAlerts}, any size): every round reads the 3 replies through the real client as {@code StackMonitor}
 * does (unchanged alerts reused, new ones sharing what the state holds), merges them and builds the table's rows — the state and the
 * rows of the last round are kept, as the console keeps them. Reports per round the time and the bytes allocated, then
 * the heap retained after full collections (per 10,000 deduplicated alerts), the committed heap and the process' RSS.
 * The replies wait off the heap and each request copies one into a new array, as the HTTP client reads a reply.
 *
 * <p>Args: {@code <captures folder> [rounds]}; the folder holds {@code alerts-peer0..2.json.gz}. JVM options are the
 * experiment: run it under the image's heap options and under others (README, Performance). {@code -Dchanged=true}
 * changes every alert's {@code updatedAt} before each round, as when Prometheus has re-sent every alert since the last
 * refresh (once per resend delay, a minute by default): every alert is parsed again, the worst case. {@code
 * -Dchanged=0.05} changes every 20th alert, another twentieth each round: a refresh every 3 s against alerts re-sent
 * once a minute.
 */
public final class AlertMemory {

    /** Kept between rounds and at the end, as the console keeps them. */
    private static final Map<String, List<Alert>> STATE = new LinkedHashMap<>();
    private static List<AlertRow> rows = List.of();

    private AlertMemory() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../app/src/bench/resources");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        List<AlertmanagerClient> clients = new ArrayList<>();
        List<java.nio.ByteBuffer> bodies = new ArrayList<>();
        List<int[]> stamps = new ArrayList<>();
        String changedArg = System.getProperty("changed", "false");
        double changedShare = changedArg.equals("true") ? 1 : changedArg.equals("false") ? 0 : Double.parseDouble(changedArg);
        boolean changed = changedShare > 0;
        int step = changed ? (int) Math.round(1 / changedShare) : 0;
        long replyBytes = 0;
        for (int i = 0; i < 3; i++) {
            byte[] body;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("alerts-peer" + i + ".json.gz")))) {
                body = in.readAllBytes();
            }
            replyBytes += body.length;
            stamps.add(updatedAtDigits(body));
            // Off the heap, as a reply is until the client reads it: the heap holds only what the console holds.
            java.nio.ByteBuffer outside = java.nio.ByteBuffer.allocateDirect(body.length).put(body).flip();
            bodies.add(outside);
            clients.add(new AlertmanagerClient(new ComponentApi(new Replay(outside))));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        gc();
        long base = used();
        double[] millis = new double[rounds];
        double[] allocated = new double[rounds];
        // As the console: the merge keeps the previous merge's unchanged entries, the rows builder the rows it made.
        AlertDedup.Merge merged = AlertDedup.Merge.none();
        var rowBuilder = AlertsViewModel.rowBuilder();
        long collectionsBefore = collections();
        long collectionMillisBefore = collectionMillis();
        for (int round = 0; round < rounds; round++) {
            if (changed) {
                for (int i = 0; i < bodies.size(); i++) {
                    int[] at = stamps.get(i);
                    for (int k = round % step; k < at.length; k += step) {
                        byte digit = bodies.get(i).get(at[k]);
                        bodies.get(i).put(at[k], (byte) ('0' + (digit - '0' + 1) % 10)); // another millisecond each time
                    }
                }
            }
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            List<PeerAlerts> peers = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                List<Alert> shared = clients.get(i).alerts(() -> AlertSharing.index(STATE.values())).orElseThrow().items();
                STATE.put("peer-" + i, List.copyOf(shared));
                peers.add(new PeerAlerts("peer-" + i, shared));
            }
            merged = AlertDedup.merge(peers, merged);
            rows = rowBuilder.apply(merged.alerts(), 3);
            millis[round] = (System.nanoTime() - started) / 1e6;
            allocated[round] = (threads.getCurrentThreadAllocatedBytes() - bytes) / 1e6;
        }
        long collections = collections() - collectionsBefore;
        long collectionMillis = collectionMillis() - collectionMillisBefore;
        String rssBeforeGc = status("VmRSS:");
        gc();
        long retained = used() - base;
        int deduped = rows.size();
        double[] steady = Arrays.copyOfRange(millis, rounds / 2, rounds);
        double[] steadyAlloc = Arrays.copyOfRange(allocated, rounds / 2, rounds);
        Arrays.sort(steady);
        Arrays.sort(steadyAlloc);
        System.out.printf("alerts per peer %d, deduplicated %d, replies %.1f MB%n", clients.get(0).alerts().orElseThrow().items().size(), deduped,
                replyBytes / 1e6);
        System.out.printf("refresh (parse 3 + share + merge + rows), median of the last %d rounds: %.1f ms (%.1f–%.1f)%n", steady.length,
                steady[steady.length / 2], steady[0], steady[steady.length - 1]);
        System.out.printf("allocated per refresh of the 3 peers: %.1f MB (%.1f MB per 10,000 alerts on each peer)%n",
                steadyAlloc[steadyAlloc.length / 2], steadyAlloc[steadyAlloc.length / 2] / (deduped / 10_000.0));
        System.out.printf("retained: %.1f MB = %.1f MB per 10,000 deduplicated alerts%n", retained / 1e6, retained / 1e6 / (deduped / 10_000.0));
        System.out.printf("collections during the %d rounds: %d taking %d ms (%s)%n", rounds, collections, collectionMillis,
                changed ? "1 alert in " + step + " changed each round" : "replies unchanged between rounds");
        System.out.printf("RSS after the rounds %s, peak %s; after full collections: heap committed %.0f MB, RSS %s%n", rssBeforeGc,
                status("VmHWM:"), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1e6, status("VmRSS:"));
        System.out.println("jvm: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (Boolean.getBoolean("histogram")) {
            // What the retained heap is made of (-Dhistogram=true): the top of the live-object histogram.
            Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String.valueOf(histogram).lines().limit(25).forEach(System.out::println);
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void gc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
    }

    private static String status(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
                .map(l -> l.substring(field.length()).trim()).findFirst().orElse("?");
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionCount()).sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
    }

    /** Offsets of the last millisecond digit of every {@code "updatedAt":"2026-11-22T03:29:19.171Z"} in a reply. */
    private static int[] updatedAtDigits(byte[] body) {
        byte[] key = "\"updatedAt\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i + key.length + 24 <= body.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (body[i + k] != key[k]) {
                    continue outer;
                }
            }
            int z = i + key.length + 23;
            if (body[z] == 'Z') {
                found.add(z - 1);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Answers every request with the captured body, copied into a new array as the HTTP client reads a reply into one
     * (so each refresh allocates the replies' bytes, as in the console, and the heap does not keep them between rounds).
     */
    private record Replay(java.nio.ByteBuffer body) implements Transport {
        @Override
        public String target() {
            return "replay";
        }

        @Override
        public TransportResponse exchange(TransportRequest request) {
            byte[] copy = new byte[body.remaining()];
            body.duplicate().get(copy);
            return new TransportResponse(200, "application/json", copy);
        }

        @Override
        public Route route() {
            return Route.DIRECT;
        }
    }
}
