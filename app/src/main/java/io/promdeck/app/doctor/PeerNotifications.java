package io.promdeck.app.doctor;

import io.promdeck.app.metrics.MetricsWindow;
import java.util.Map;
import java.util.Optional;

/** No peer fails to deliver notifications, integration by integration (webhook, email, ...), from its own counters. */
final class PeerNotifications implements Check {

    static final String ID = "alertmanager.notifications";
    static final String FAILED = "alertmanager_notifications_failed_total";

    @Override
    public Optional<Finding> check(Facts facts) {
        var snapshots = facts.state().details().peerMetrics();
        Map<String, MetricsWindow> fresh = Facts.fresh(snapshots);
        FindingBuilder f = FindingBuilder.of(ID, "Notifications delivered");
        if (fresh.isEmpty()) {
            return facts.state().peers().isEmpty() ? Optional.empty()
                    : f.evidence(Facts.missing(snapshots)).unknown("No peer's counters were read", "Bring the peers back.");
        }
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, MetricsWindow> peer : fresh.entrySet()) {
            for (String integration : CounterVerdicts.byLabel(peer.getValue().current(), FAILED, "integration").keySet()) {
                var judged = CounterVerdicts.judge(peer.getValue(), FAILED, Map.of("integration", integration), "failed " + integration + " notifications", facts);
                if (judged.verdict() != Verdict.OK) {
                    f.evidence(peer.getKey(), judged.text()).subject(Facts.node("alertmanager", peer.getKey()));
                    worst = worst.worse(judged.verdict());
                }
            }
        }
        f.evidence(Facts.missing(snapshots));
        return switch (worst) {
            case FAIL -> f.fail("Notifications are failing now: the receivers do not get the alerts",
                    "Check the receiver (URL, credentials, its own logs); the peer's log says what it answered.");
            case WARN -> f.warn("Notifications failed earlier", "Watch whether the failures continue; check the receiver.");
            default -> f.ok("No notification failures");
        };
    }
}
