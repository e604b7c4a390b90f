package io.promdeck.app.transport;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.Transport;

/**
 * One replica or peer the console talks to.
 *
 * @param name           pod name or the profile's name for it
 * @param oneReplica     false for a load-balanced URL: answers come from some replica, so per-replica checks
 *                       (config hash equal on all, reload verified on all) cannot be made through it
 */
public record Endpoint(Component component, String name, Transport transport, boolean oneReplica) {
}
