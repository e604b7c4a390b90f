package io.promdeck.app.doctor;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import java.util.Map;
import java.util.Optional;

/** The peers run the same configuration: otherwise an alert is routed differently depending on the peer. */
final class PeerConfigsEqual implements Check {

    static final String ID = "alertmanager.config";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, AlertmanagerStatus> fresh = Facts.fresh(facts.state().peers());
        FindingBuilder f = FindingBuilder.of(ID, "Peers run the same configuration");
        if (fresh.size() < 2) {
            return facts.state().peers().isEmpty() ? Optional.empty()
                    : f.evidence(Facts.missing(facts.state().peers())).unknown("Fewer than two peers answer: nothing to compare", "Bring the peers back.");
        }
        fresh.forEach((name, s) -> f.subject(Facts.node("alertmanager", name)).evidence(name, "config " + s.configHash().substring(0, Math.min(12, s.configHash().length()))));
        if (fresh.values().stream().map(AlertmanagerStatus::configHash).distinct().count() > 1) {
            return f.fail("The peers run different configurations: routing and receivers depend on which peer an alert meets",
                    "Mount one configuration (a shared Secret or ConfigMap) on every peer and reload them all.");
        }
        return f.ok(Facts.all(fresh.size()) + " peers run the same configuration");
    }
}
