package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdeck.app.http.CallResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends a synthetic alert to every Alertmanager peer (as Prometheus does) and tells, from Alertmanager's own
 * counters, whether the receiver's integration delivered it. Measured on Alertmanager 0.25:
 * {@code alertmanager_notifications_total} counts a notification when it is attempted, not when it succeeds, so the
 * verdict comes from the per-request counters {@code alertmanager_notification_requests_total} and
 * {@code alertmanager_notification_requests_failed_total} (every attempt, retries included), summed over the peers
 * (only one peer of a gossip cluster sends). The alert is resolved afterwards so it does not stay on anyone's screen.
 *
 * <p>The counters are per integration, not per alert: a notification for another alert in the same window counts too.
 * The sentence says so when it matters (more than one delivery).
 */
public final class SyntheticAlert {

    public static final String ALERT_NAME = "PromdeckTestAlert";

    /** Delivered, failed, not seen within the wait, or no peer took the alert. */
    public enum Verdict {
        DELIVERED, FAILED, NO_NOTIFICATION, NOT_ACCEPTED
    }

    public record Outcome(Verdict verdict, String sentence, double sent, double failed, Duration elapsed) {
    }

    /** Waits between looks at the counters (tests pass one that returns at once). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final List<AlertmanagerClient> peers;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Looks at the counters once a second. */
    public SyntheticAlert(List<AlertmanagerClient> peers, Clock clock) {
        this(peers, clock, d -> Thread.sleep(d.toMillis()));
    }

    public SyntheticAlert(List<AlertmanagerClient> peers, Clock clock, Sleeper sleeper) {
        this.peers = List.copyOf(peers);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param integration the receiver's integration as Alertmanager names it in its metrics, e.g. {@code webhook}
     * @param labels extra labels for the alert (e.g. the stack's {@code cluster}), so it routes like real ones
     * @param wait how long to wait for a notification: more than the route's group_wait
     */
    public Outcome send(String integration, java.util.Map<String, String> labels, Duration wait, BooleanSupplier cancelled,
            Consumer<String> progress) throws InterruptedException {
        long started = System.nanoTime();
        double[][] before = counters(integration);
        String id = UUID.randomUUID().toString().substring(0, 8);
        Instant now = clock.instant();
        String firing = alert(id, labels, now, now.plus(Duration.ofMinutes(10)));
        List<String> refusals = new ArrayList<>();
        int accepted = 0;
        for (AlertmanagerClient peer : peers) {
            CallResult<String> result = peer.postAlerts(firing);
            if (result instanceof CallResult.Failed<String> failed) {
                refusals.add(failed.error().summary());
            } else {
                accepted++;
            }
        }
        if (accepted == 0) {
            return new Outcome(Verdict.NOT_ACCEPTED, "No Alertmanager took the test alert: " + String.join("; ", refusals), 0, 0, since(started));
        }
        progress.accept("Test alert " + id + " sent to " + accepted + " of " + peers.size() + " peers; waiting for a " + integration
                + " notification (group_wait applies)…");
        try {
            long deadline = started + wait.toNanos();
            boolean successSeen = false;
            while ((System.nanoTime() < deadline || successSeen) && !cancelled.getAsBoolean()) {
                sleeper.sleep(Duration.ofSeconds(1));
                double[][] after = counters(integration);
                double requests = 0;
                double failed = 0;
                for (int i = 0; i < after.length; i++) {
                    if (after[i] == null) {
                        continue;
                    }
                    if (before[i] == null) {
                        // Unreadable when the test began: its counters from now on are the baseline. Counting them from
                        // zero would take the peer's whole history for fresh deliveries.
                        before[i] = after[i];
                        continue;
                    }
                    requests += after[i][0] - before[i][0];
                    failed += after[i][1] - before[i][1];
                }
                double succeeded = requests - failed;
                Reading reading = judge(requests, failed, successSeen);
                successSeen = reading == Reading.SUCCESS_UNCONFIRMED;
                if (reading == Reading.DELIVERED) {
                    return new Outcome(Verdict.DELIVERED, "Delivered: Alertmanager sent the test alert through " + integration + " in "
                            + since(started).toSeconds() + " s" + (failed > 0 ? " after " + fmt(failed) + " failed attempt" + (failed == 1 ? "" : "s")
                            : "") + (succeeded > 1 ? " (" + fmt(succeeded) + " deliveries in that window; the counters also count other alerts)"
                            : "") + ".", succeeded, failed, since(started));
                }
                if (reading == Reading.FAILED) {
                    return new Outcome(Verdict.FAILED, "Alertmanager tried to send the test alert and the " + integration + " delivery failed ("
                            + fmt(failed) + " failed attempt" + (failed == 1 ? "" : "s") + "). Check that the receiver's URL is reachable "
                            + "from the cluster and answers 2xx; Alertmanager's log names the error.", succeeded, failed, since(started));
                }
            }
            return new Outcome(Verdict.NO_NOTIFICATION, "No " + integration + " notification within " + wait.toSeconds() + " s. Check that "
                    + "the route sends alerts with these labels to the " + integration + " receiver and that group_wait is shorter.", 0, 0,
                    since(started));
        } finally {
            Instant end = clock.instant();
            String resolved = alert(id, labels, now, end);
            for (AlertmanagerClient peer : peers) {
                peer.postAlerts(resolved);
            }
        }
    }

    /** What one reading of the counters says. */
    enum Reading {
        NOTHING, SUCCESS_UNCONFIRMED, DELIVERED, FAILED
    }

    /**
     * Alertmanager counts a request, then (in a separate step) its failure, and /metrics gathers the two counters
     * independently: one reading can show a failed request as a success. A success is therefore believed only when the
     * next reading still shows it; a failure is believed at once (the failed counter never runs ahead of the total).
     */
    static Reading judge(double requests, double failed, boolean successSeenBefore) {
        if (requests - failed > 0) {
            return successSeenBefore ? Reading.DELIVERED : Reading.SUCCESS_UNCONFIRMED;
        }
        return failed > 0 ? Reading.FAILED : Reading.NOTHING;
    }

    /**
     * Per peer, {requests, failed requests} for the integration; null for a peer whose metrics could not be read
     * (compared only with its own readings, never as zero).
     */
    private double[][] counters(String integration) {
        double[][] perPeer = new double[peers.size()][];
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).metrics() instanceof CallResult.Ok<String> ok) {
                perPeer[i] = new double[] {counter(ok.value(), "alertmanager_notification_requests_total", integration),
                        counter(ok.value(), "alertmanager_notification_requests_failed_total", integration)};
            }
        }
        return perPeer;
    }

    /** Sums every series of {@code metric} whose {@code integration} label is {@code integration} in a text exposition. */
    static double counter(String exposition, String metric, String integration) {
        double sum = 0;
        String label = "integration=\"" + integration + "\"";
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                String value = line.substring(line.lastIndexOf('}') + 1).strip().split(" ")[0];
                try {
                    sum += Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    // A malformed line counts as nothing.
                }
            }
        }
        return sum;
    }

    private static String alert(String id, java.util.Map<String, String> labels, Instant startsAt, Instant endsAt) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        ObjectNode alert = array.addObject();
        ObjectNode l = alert.putObject("labels");
        labels.forEach(l::put);
        l.put("alertname", ALERT_NAME);
        l.put("severity", "none");
        l.put("promdeck_test", id);
        alert.putObject("annotations").put("summary", "Test alert sent by Promdeck to check notification delivery");
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        return array.toString();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
