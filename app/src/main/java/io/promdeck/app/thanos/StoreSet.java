package io.promdeck.app.thanos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code /api/v1/stores} of Thanos Query: endpoints grouped by component type (sidecar, store, rule, receive, ...). */
public record StoreSet(Map<String, List<StoreStatus>> byType) {

    public StoreSet {
        Map<String, List<StoreStatus>> copy = new TreeMap<>();
        byType.forEach((type, stores) -> copy.put(type, List.copyOf(stores)));
        byType = java.util.Collections.unmodifiableMap(copy);
    }

    public List<StoreStatus> ofType(String type) {
        return byType.getOrDefault(type, List.of());
    }

    public List<StoreStatus> all() {
        List<StoreStatus> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        return all;
    }

    /**
     * Label sets announced by more than one endpoint of the same type: two sidecars with the same external labels
     * make Thanos deduplicate data that is not a replica (usually a replica label that is not distinct).
     */
    public Map<Map<String, String>, List<String>> duplicateLabelSets(String type) {
        Map<Map<String, String>, List<String>> owners = new HashMap<>();
        for (StoreStatus store : ofType(type)) {
            for (Map<String, String> labels : Set.copyOf(store.labelSets())) {
                owners.computeIfAbsent(labels, k -> new ArrayList<>()).add(store.name());
            }
        }
        owners.values().removeIf(names -> names.size() < 2);
        return owners;
    }
}
