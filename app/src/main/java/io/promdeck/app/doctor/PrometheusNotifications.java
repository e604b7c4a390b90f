package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaStatus;
import java.util.Map;
import java.util.Optional;

/** No replica fails to send, or drops, notifications to Alertmanager (its own notification counters). */
final class PrometheusNotifications implements Check {

    static final String ID = "prometheus.notifications";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        FindingBuilder f = FindingBuilder.of(ID, "Alerts reach Alertmanager");
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("No replica answers", "Bring the replicas back.");
        }
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, ReplicaStatus> replica : fresh.entrySet()) {
            var errors = CounterVerdicts.judge(replica.getValue().metrics(), "prometheus_notifications_errors_total", Map.of(), "notification errors");
            var dropped = CounterVerdicts.judge(replica.getValue().metrics(), "prometheus_notifications_dropped_total", Map.of(), "notifications dropped");
            f.evidence(replica.getKey(), errors.text() + "; " + dropped.text());
            Verdict v = errors.verdict().worse(dropped.verdict());
            if (v != Verdict.OK) {
                f.subject(Facts.node("prometheus", replica.getKey()));
            }
            worst = worst.worse(v);
        }
        return switch (worst) {
            case FAIL -> f.fail("A replica is failing to deliver alerts to Alertmanager",
                    "Read the replica's log for 'Error sending alert'; check the Alertmanager URLs it uses and that they answer.");
            case WARN -> f.warn("A replica failed to deliver alerts earlier", "Watch whether the counters keep rising; read the replica's log.");
            default -> f.ok("The replicas deliver their alerts");
        };
    }
}
