package io.promdeck.app.doctor;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** No peer keeps "settling" (it should take about 10 s after a start; longer means it cannot join). */
final class PeersSettled implements Check {

    static final String ID = "alertmanager.settled";
    /** Settling for longer than this after the peer started is not normal. */
    static final Duration BOUND = Duration.ofMinutes(2);

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, AlertmanagerStatus> fresh = Facts.fresh(facts.state().peers());
        if (fresh.isEmpty()) {
            return facts.state().peers().isEmpty() ? Optional.empty() : FindingBuilder.of(ID, "Peers settled")
                    .evidence(Facts.missing(facts.state().peers())).unknown("No peer answers", "Bring the peers back.");
        }
        FindingBuilder f = FindingBuilder.of(ID, "Peers settled");
        List<String> stuck = new ArrayList<>();
        fresh.forEach((name, status) -> {
            Duration up = status.uptime() == null ? Duration.ZERO : Duration.between(status.uptime(), facts.now());
            f.evidence(name, status.clusterState().name().toLowerCase(java.util.Locale.ROOT) + ", up " + up.toSeconds() + " s");
            if (status.clusterState() == ClusterState.SETTLING && up.compareTo(BOUND) > 0) {
                stuck.add(name);
                f.subject(Facts.node("alertmanager", name));
            }
        });
        if (!stuck.isEmpty()) {
            return f.warn(String.join(", ", stuck) + " still settling " + BOUND.toMinutes() + " min after starting",
                    "Check the peer's log for gossip errors and that --cluster.peer lists reachable peers.");
        }
        return f.ok("No peer is stuck settling");
    }
}
