package io.promdeck.app.transport;

import io.promdeck.app.cluster.Capabilities;
import java.util.Optional;

/** How the console reaches pods in a cluster: chosen from the RBAC preflight unless the operator says otherwise. */
public enum TransportMode {
    /** Through the API server's {@code pods/proxy}. */
    POD_PROXY("Pod proxy"),
    /** Through a {@code pods/portforward} the console opens on 127.0.0.1. */
    PORT_FORWARD("Port-forward"),
    /** Straight to the pod IPs, for workstations inside the cluster network (VPN, jump host); no RBAC needed for it. */
    DIRECT("Direct to pod IPs");

    private final String label;

    TransportMode(String label) {
        this.label = label;
    }

    /** How the connect screen names the mode. */
    public String label() {
        return label;
    }

    /** The chosen mode and why, or why none works. */
    public record Choice(Optional<TransportMode> mode, String reason) {
    }

    public static Choice choose(Capabilities capabilities, Optional<TransportMode> override) {
        if (override.isPresent()) {
            return new Choice(override, override.get().label().toLowerCase(java.util.Locale.ROOT) + ", chosen for this context");
        }
        if (capabilities.proxyAllowed()) {
            return new Choice(Optional.of(POD_PROXY), "the API-server pod proxy is allowed (get pods/proxy)");
        }
        if (capabilities.portForward()) {
            return new Choice(Optional.of(PORT_FORWARD), "pods/proxy is not allowed; create pods/portforward is");
        }
        return new Choice(Optional.empty(), "neither get pods/proxy nor create pods/portforward is allowed in namespace "
                + capabilities.namespace() + ": ask for them, or use a direct-URL profile");
    }
}
