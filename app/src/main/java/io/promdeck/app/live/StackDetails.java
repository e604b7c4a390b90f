package io.promdeck.app.live;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.metrics.MetricsWindow;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console reads less often than the panels' data: each replica's discovered Alertmanagers and rules, each
 * peer's own counters, Thanos Query's flags and the counters of the other Thanos components (compactor, sidecars,
 * store gateways). Immutable like {@link StackState}.
 */
public record StackDetails(
        Map<String, Snapshot<ReplicaDetails>> replicas,
        Map<String, Snapshot<MetricsWindow>> peerMetrics,
        Map<String, Snapshot<Map<String, String>>> queryFlags,
        Map<Component, Map<String, Snapshot<MetricsWindow>>> components) {

    public StackDetails {
        replicas = copy(replicas);
        peerMetrics = copy(peerMetrics);
        queryFlags = copy(queryFlags);
        Map<Component, Map<String, Snapshot<MetricsWindow>>> byComponent = new EnumMap<>(Component.class);
        components.forEach((c, m) -> byComponent.put(c, copy(m)));
        components = Collections.unmodifiableMap(byComponent);
    }

    public static StackDetails empty() {
        return new StackDetails(Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static <T> Map<String, T> copy(Map<String, T> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static <T> Map<String, T> with(Map<String, T> map, String key, T value) {
        Map<String, T> next = new LinkedHashMap<>(map);
        next.put(key, value);
        return next;
    }

    public StackDetails withReplica(Snapshot<ReplicaDetails> s) {
        return new StackDetails(with(replicas, s.endpoint(), s), peerMetrics, queryFlags, components);
    }

    public StackDetails withPeerMetrics(Snapshot<MetricsWindow> s) {
        return new StackDetails(replicas, with(peerMetrics, s.endpoint(), s), queryFlags, components);
    }

    public StackDetails withQueryFlags(Snapshot<Map<String, String>> s) {
        return new StackDetails(replicas, peerMetrics, with(queryFlags, s.endpoint(), s), components);
    }

    public StackDetails withComponent(Component component, Snapshot<MetricsWindow> s) {
        Map<Component, Map<String, Snapshot<MetricsWindow>>> next = new EnumMap<>(Component.class);
        next.putAll(components);
        next.put(component, with(components.getOrDefault(component, Map.of()), s.endpoint(), s));
        return new StackDetails(replicas, peerMetrics, queryFlags, next);
    }

    public Map<String, Snapshot<MetricsWindow>> components(Component component) {
        return components.getOrDefault(component, Map.of());
    }
}
