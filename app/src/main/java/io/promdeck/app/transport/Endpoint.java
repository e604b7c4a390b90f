package io.promdeck.app.transport;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.Transport;
import io.promdeck.app.live.PrometheusRole;

/**
 * One replica or peer the console talks to.
 *
 * @param name       pod name or the profile's name for it
 * @param oneReplica false for a load-balanced URL: answers come from some replica, so per-replica checks
 *                   (config hash equal on all, reload verified on all) cannot be made through it
 * @param address    "host:port" where the stack's own components reach it (pod IP and port, or the profile URL's
 *                   host and port); "" when unknown
 * @param group      the HA group of a Prometheus replica ("dc1", "shard-0"); "" for the stack's one group
 * @param role       what a Prometheus is in its stack (replica, global, agent, receiver, reader)
 */
public record Endpoint(Component component, String name, Transport transport, boolean oneReplica, String address, String group,
        PrometheusRole role) {

    public Endpoint {
        address = address == null ? "" : address;
        group = group == null ? "" : group;
        role = role == null ? PrometheusRole.REPLICA : role;
    }

    public Endpoint(Component component, String name, Transport transport, boolean oneReplica, String address) {
        this(component, name, transport, oneReplica, address, "", PrometheusRole.REPLICA);
    }

    public Endpoint(Component component, String name, Transport transport, boolean oneReplica) {
        this(component, name, transport, oneReplica, "");
    }
}
