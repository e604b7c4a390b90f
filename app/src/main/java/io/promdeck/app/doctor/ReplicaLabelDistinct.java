package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.ReplicaStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every replica carries the replica external label, each with its own value: Thanos deduplicates and Alertmanager
 * drops duplicates by it, so two replicas with one value look like one source, and a missing label breaks both.
 */
final class ReplicaLabelDistinct implements Check {

    static final String ID = "prometheus.replica-label";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        ReplicaLabel label = facts.replicaLabel();
        FindingBuilder f = FindingBuilder.of(ID, "Replica label distinct");
        fresh.forEach((name, s) -> {
            f.subject(Facts.node("prometheus", name));
            f.evidence(name, "external labels " + s.externalLabels());
        });
        if (fresh.size() < 2) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("Fewer than two replicas answer: nothing to compare",
                    "Bring the replicas back; the label is checked as soon as two answer.");
        }
        if (!label.known()) {
            return f.fail("The replicas have the same external labels: nothing tells them apart, so Thanos and Alertmanager take them for one",
                    "Give each replica its own replica label, e.g. external_labels: {replica: $(POD_NAME)} with the pod name in the environment.");
        }
        f.evidence("", "the label is '" + label.name() + "', from " + label.source().description());
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        fresh.forEach((name, s) -> {
            String value = s.externalLabels().get(label.name());
            if (value == null || value.isEmpty()) {
                without.add(name);
            } else {
                byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(name);
            }
        });
        if (!without.isEmpty()) {
            return f.fail(String.join(", ", without) + " " + (without.size() == 1 ? "has" : "have") + " no '" + label.name() + "' external label",
                    "Set global.external_labels." + label.name() + " on every replica, a different value each (the pod name).");
        }
        for (Map.Entry<String, List<String>> value : byValue.entrySet()) {
            if (value.getValue().size() > 1) {
                return f.fail(String.join(" and ", value.getValue()) + " share " + label.name() + "=\"" + value.getKey()
                        + "\": their data and alerts are taken for one replica's",
                        "Give each replica its own value of " + label.name() + " (the pod name), then reload.");
            }
        }
        return f.ok("Each of the " + fresh.size() + " replicas has its own '" + label.name() + "'");
    }
}
