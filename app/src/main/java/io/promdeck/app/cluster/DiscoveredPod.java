package io.promdeck.app.cluster;

/**
 * A pod the discovery picked, with the rule that matched it.
 *
 * @param owner the owning StatefulSet (or other controller) name, empty if none
 */
public record DiscoveredPod(String name, String namespace, Component component, String rule, int port, boolean ready,
        String podIp, String node, String owner) {
}
