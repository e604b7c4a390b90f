package io.promdeck.app.cluster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What discovery found in a namespace.
 *
 * @param expected replicas the owning StatefulSets ask for, per component: a SIGKILLed Alertmanager silently vanishes
 *                 from its peers' lists, so "2 of 3" needs this number from the cluster, not from the peers
 */
public record DiscoveredStack(String namespace, Map<Component, List<DiscoveredPod>> pods, Map<Component, Integer> expected) {

    public DiscoveredStack {
        Map<Component, List<DiscoveredPod>> copy = new EnumMap<>(Component.class);
        pods.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        pods = java.util.Collections.unmodifiableMap(copy);
        expected = Map.copyOf(expected);
    }

    public List<DiscoveredPod> of(Component component) {
        return pods.getOrDefault(component, List.of());
    }

    /** Replicas expected for a component: the controller's spec, else the number of pods found. */
    public int expectedReplicas(Component component) {
        return expected.getOrDefault(component, of(component).size());
    }

    public boolean isEmpty() {
        return pods.values().stream().allMatch(List::isEmpty);
    }
}
