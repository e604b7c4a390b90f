package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.ReplicaStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The replicas run the same configuration apart from the replica label: otherwise they scrape or alert differently. */
final class ReplicaConfigsEqual implements Check {

    static final String ID = "prometheus.config";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        ReplicaLabel label = facts.replicaLabel();
        FindingBuilder f = FindingBuilder.of(ID, "Replicas run the same configuration");
        if (fresh.size() < 2) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("Fewer than two replicas answer: nothing to compare",
                    "Bring the replicas back.");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        fresh.forEach((name, s) -> {
            String hash = label.known() ? s.configHash(label.name()) : s.config().hashWithoutExternalLabels();
            hashes.put(name, hash);
            f.subject(Facts.node("prometheus", name)).evidence(name, "config " + hash.substring(0, 12)
                    + (label.known() ? " (without " + label.name() + ")" : " (without external labels)"));
        });
        if (hashes.values().stream().distinct().count() > 1) {
            String differ = differingExternalLabels(fresh, label);
            return f.fail("The replicas run different configurations" + differ,
                    "Render both replicas' configuration from one source (a shared ConfigMap) and reload both.");
        }
        return f.ok(Facts.all(fresh.size()) + " replicas run the same configuration"
                + (label.known() ? " apart from '" + label.name() + "'" : ""));
    }

    private static String differingExternalLabels(Map<String, ReplicaStatus> fresh, ReplicaLabel label) {
        List<Map<String, String>> sets = fresh.values().stream().map(s -> {
            Map<String, String> copy = new LinkedHashMap<>(s.externalLabels());
            copy.remove(label.name());
            return (Map<String, String>) copy;
        }).distinct().toList();
        boolean sameRest = fresh.values().stream().map(s -> s.config().hashWithoutExternalLabels()).distinct().count() == 1;
        if (sets.size() > 1 && sameRest) {
            return " (only their other external labels differ: " + sets + ")";
        }
        return "";
    }
}
