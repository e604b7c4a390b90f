package io.promdeck.app.transport;

import io.promdeck.app.cluster.Component;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint of a stack by component, however it is reached, with the replica counts the deployment expects.
 */
public record StackEndpoints(String source, Map<Component, List<Endpoint>> byComponent, Map<Component, Integer> expected) {

    public StackEndpoints {
        Map<Component, List<Endpoint>> copy = new EnumMap<>(Component.class);
        byComponent.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byComponent = java.util.Collections.unmodifiableMap(copy);
        expected = Map.copyOf(expected);
    }

    public List<Endpoint> of(Component component) {
        return byComponent.getOrDefault(component, List.of());
    }

    public int expected(Component component) {
        return expected.getOrDefault(component, of(component).size());
    }

    /** Whether every endpoint of the component is a single replica, so per-replica checks are meaningful. */
    public boolean verifiable(Component component) {
        return of(component).stream().allMatch(Endpoint::oneReplica);
    }

    public List<Endpoint> all() {
        List<Endpoint> all = new ArrayList<>();
        byComponent.values().forEach(all::addAll);
        return all;
    }
}
