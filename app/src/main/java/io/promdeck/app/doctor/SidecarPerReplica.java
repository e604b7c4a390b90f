package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.thanos.StoreSet;
import io.promdeck.app.thanos.StoreStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thanos Query knows one sidecar per Prometheus replica, announcing exactly that replica's external labels: a replica
 * without one is missing from every query; a label set that matches no replica is a sidecar of something else.
 */
final class SidecarPerReplica implements Check {

    static final String ID = "thanos.sidecars";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        FindingBuilder f = FindingBuilder.of(ID, "One sidecar per replica");
        Optional<Map.Entry<String, StoreSet>> stores = ThanosFacts.stores(facts);
        if (stores.isEmpty()) {
            return ThanosFacts.noQuery(f, facts);
        }
        Map<String, ReplicaStatus> replicas = Facts.fresh(facts.state().replicas());
        List<StoreStatus> sidecars = stores.get().getValue().ofType("sidecar");
        List<String> without = new ArrayList<>();
        for (Map.Entry<String, ReplicaStatus> replica : replicas.entrySet()) {
            Map<String, String> labels = replica.getValue().externalLabels();
            List<String> matching = sidecars.stream().filter(s -> s.labelSets().contains(labels)).map(StoreStatus::name).toList();
            f.evidence(replica.getKey(), labels + " → " + (matching.isEmpty() ? "no sidecar announces these labels" : String.join(", ", matching)));
            if (matching.size() != 1) {
                without.add(replica.getKey());
                f.subject(Facts.node("sidecar", replica.getKey()));
            }
        }
        f.evidence("", sidecars.size() + " sidecar store" + (sidecars.size() == 1 ? "" : "s") + " known to " + stores.get().getKey());
        if (!without.isEmpty()) {
            return f.fail(String.join(", ", without) + " " + (without.size() == 1 ? "has" : "have") + " no sidecar (or more than one) with "
                    + "its external labels: its recent data is missing from queries",
                    "Check the replica's thanos-sidecar container and that Query lists it (--endpoint or its DNS discovery).");
        }
        if (replicas.size() < facts.state().replicas().size()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("The answering replicas have their sidecar; the others are unknown",
                    "Bring the replicas back.");
        }
        return f.ok("Every replica has exactly one sidecar with its labels");
    }
}
