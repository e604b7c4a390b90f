package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.ReplicaStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each replica's alert relabelling drops the replica label: otherwise the replicas' copies of an alert differ in it,
 * Alertmanager cannot deduplicate them, and every alert is notified twice.
 */
final class AlertRelabelDropsReplica implements Check {

    static final String ID = "prometheus.alert-relabel";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        ReplicaLabel label = facts.replicaLabel();
        FindingBuilder f = FindingBuilder.of(ID, "Alerts drop the replica label");
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("No replica answers", "Bring the replicas back.");
        }
        if (!label.known()) {
            return f.unknown("The replica label is not known, so its relabelling cannot be checked",
                    "Give the replicas distinct replica labels first (see the replica label check).");
        }
        fresh.forEach((name, s) -> f.evidence(name, s.config().alertRelabelDrops(label.name())
                ? "alert_relabel_configs drops '" + label.name() + "'" : "alert_relabel_configs keeps '" + label.name() + "' " + s.config().alertRelabelConfigs()));
        List<String> keeping = fresh.entrySet().stream().filter(e -> !e.getValue().config().alertRelabelDrops(label.name()))
                .map(Map.Entry::getKey).toList();
        keeping.forEach(name -> f.subject(Facts.node("prometheus", name)));
        if (!keeping.isEmpty()) {
            return f.fail(String.join(", ", keeping) + " " + (keeping.size() == 1 ? "sends" : "send") + " alerts with '" + label.name()
                    + "': Alertmanager sees each replica's copy as another alert and notifies twice",
                    "Add alerting.alert_relabel_configs: [{action: labeldrop, regex: " + label.name() + "}] to every replica and reload.");
        }
        return f.ok("Every replica drops '" + label.name() + "' from its alerts");
    }
}
