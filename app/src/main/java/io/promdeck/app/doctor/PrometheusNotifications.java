package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.metrics.MetricsWindow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * No replica fails to send, or drops, notifications to Alertmanager (its own counters, per Alertmanager). Errors only
 * towards peers that are down themselves are that outage's consequence (the mesh check names it), not a fault of
 * their own; notifications dropped while a replica starts (its first evaluations precede Alertmanager discovery) are
 * normal.
 */
final class PrometheusNotifications implements Check {

    static final String ID = "prometheus.notifications";
    static final String ERRORS = "prometheus_notifications_errors_total";
    static final String DROPPED = "prometheus_notifications_dropped_total";
    /** Drops this soon after a start are the start's (alerts evaluated before the Alertmanagers were discovered). */
    static final Duration STARTING = Duration.ofMinutes(5);

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        FindingBuilder f = FindingBuilder.of(ID, "Alerts reach Alertmanager");
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("No replica answers", "Bring the replicas back.");
        }
        Set<String> downPeers = new TreeSet<>();
        facts.state().peers().forEach((name, s) -> {
            if (!s.fresh()) {
                String address = facts.state().shape().peerAddresses().get(name);
                if (address != null) {
                    downPeers.add(address);
                }
            }
        });
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, ReplicaStatus> replica : fresh.entrySet()) {
            MetricsWindow metrics = replica.getValue().metrics();
            Verdict verdict = Verdict.OK;
            for (String alertmanager : CounterVerdicts.byLabel(metrics.current(), ERRORS, "alertmanager").keySet()) {
                var errors = CounterVerdicts.judge(metrics, ERRORS, Map.of("alertmanager", alertmanager), "notification errors", facts);
                if (errors.verdict() == Verdict.OK) {
                    continue;
                }
                boolean toADownPeer = downPeers.contains(AlertmanagersDiscovered.hostPort(alertmanager));
                f.evidence(replica.getKey(), errors.text() + " to " + alertmanager + (toADownPeer ? " (that peer is down: see the mesh check)" : ""));
                verdict = verdict.worse(toADownPeer ? Verdict.WARN : errors.verdict());
            }
            var dropped = CounterVerdicts.judge(metrics, DROPPED, Map.of(), "notifications dropped", facts);
            boolean starting = replica.getValue().startTime() != null
                    && Duration.between(replica.getValue().startTime(), facts.now()).compareTo(STARTING) < 0;
            if (dropped.verdict() != Verdict.OK) {
                f.evidence(replica.getKey(), dropped.text() + (starting ? " — in its first minutes, which is normal" : ""));
                verdict = verdict.worse(starting ? Verdict.OK : dropped.verdict());
            }
            if (verdict == Verdict.OK) {
                f.evidence(replica.getKey(), "delivers its alerts");
            } else {
                f.subject(Facts.node("prometheus", replica.getKey()));
            }
            worst = worst.worse(verdict);
        }
        return switch (worst) {
            case FAIL -> f.fail("A replica is failing to deliver alerts to an Alertmanager that is up",
                    "Read the replica's log for 'Error sending alert'; check the Alertmanager URLs it uses and that they answer.");
            case WARN -> f.warn("Alerts were not all delivered (to a peer that is down, or earlier)",
                    "Bring the missing peer back; if the counters keep rising, read the replica's log.");
            default -> f.ok("The replicas deliver their alerts");
        };
    }
}
