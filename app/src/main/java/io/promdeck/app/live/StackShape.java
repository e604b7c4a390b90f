package io.promdeck.app.live;

import io.promdeck.app.cluster.Component;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about a stack before any endpoint answers: how many replicas of each component the deployment asks
 * for, the replica label's name when the stack says it (installed parameters, the operator, a profile), and the
 * network address of each Alertmanager peer (to compare with what each Prometheus replica discovered).
 *
 * @param expected      replicas per component (StatefulSet or Deployment replicas; the profile's URLs)
 * @param replicaLabel  the replica label as the stack declares it; empty when it must be detected
 * @param peerAddresses "host:port" per Alertmanager endpoint, where known (pod IP and port, or the profile's URL)
 * @param groups        the HA group of each Prometheus endpoint ("" for the stack's one group)
 * @param roles         what each Prometheus endpoint is (replica when not listed)
 */
public record StackShape(Map<Component, Integer> expected, Optional<ReplicaLabel> replicaLabel, Map<String, String> peerAddresses,
        Map<String, String> groups, Map<String, PrometheusRole> roles) {

    public StackShape {
        Map<Component, Integer> copy = new EnumMap<>(Component.class);
        copy.putAll(expected);
        expected = Collections.unmodifiableMap(copy);
        peerAddresses = Map.copyOf(peerAddresses);
        groups = Map.copyOf(groups);
        roles = Map.copyOf(roles);
    }

    public StackShape(Map<Component, Integer> expected, Optional<ReplicaLabel> replicaLabel, Map<String, String> peerAddresses) {
        this(expected, replicaLabel, peerAddresses, Map.of(), Map.of());
    }

    public static StackShape of(int replicas, int peers) {
        return new StackShape(Map.of(Component.PROMETHEUS, replicas, Component.ALERTMANAGER, peers), Optional.empty(), Map.of());
    }

    public String group(String prometheus) {
        return groups.getOrDefault(prometheus, "");
    }

    public PrometheusRole role(String prometheus) {
        return roles.getOrDefault(prometheus, PrometheusRole.REPLICA);
    }

    public int expected(Component component) {
        return expected.getOrDefault(component, 0);
    }
}
