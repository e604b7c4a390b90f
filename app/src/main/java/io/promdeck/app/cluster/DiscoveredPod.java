package io.promdeck.app.cluster;

/**
 * A pod the discovery picked, with the rule that matched it.
 *
 * @param owner  the owning StatefulSet (or other controller) name, empty if none
 * @param labels the pod's labels (its shard and role in a scale-out stack among them)
 */
public record DiscoveredPod(String name, String namespace, Component component, String rule, int port, boolean ready,
        String podIp, String node, String owner, java.util.Map<String, String> labels) {

    /** Pod label of a Promdeck install naming a Prometheus pod's shard. */
    public static final String SHARD_LABEL = "promdeck.io/shard";
    /** Pod label of a Promdeck install naming what a Prometheus pod is when not a plain replica ("agent"). */
    public static final String ROLE_LABEL = "promdeck.io/role";

    public DiscoveredPod {
        labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
    }

    public DiscoveredPod(String name, String namespace, Component component, String rule, int port, boolean ready, String podIp, String node,
            String owner) {
        this(name, namespace, component, rule, port, ready, podIp, node, owner, java.util.Map.of());
    }

    /** The HA group of a sharded stack's Prometheus pod ("shard-1"); "" for the stack's one group. */
    public String group() {
        String shard = labels.get(SHARD_LABEL);
        return shard == null || shard.isBlank() ? "" : "shard-" + shard;
    }

    /** Whether the pod runs Prometheus in agent mode, as its install labelled it. */
    public boolean agent() {
        return "agent".equals(labels.get(ROLE_LABEL));
    }
}
