package io.promdeck.app.session;

import io.promdeck.app.cluster.Capabilities;
import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.live.NamespaceWatch;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.transport.ClusterEndpoints;
import io.promdeck.app.transport.TransportMode;
import io.promdeck.app.sandbox.Sandbox;
import java.util.Optional;

/**
 * An open stack (closing the session leaves a local stack running: it is stopped on its own, by the operator): what the connection check, preflight and discovery found, and the monitor keeping its state live.
 * For a direct-URL profile the Kubernetes parts are empty. Closing it stops every refresh, informer and forward.
 */
public record StackSession(
        String title,
        String userName,
        Optional<ClusterConnection> connection,
        Optional<Capabilities> capabilities,
        Optional<DiscoveredStack> discovered,
        Optional<TransportMode.Choice> transport,
        StackMonitor monitor,
        Optional<NamespaceWatch> namespaceWatch,
        Optional<ClusterEndpoints> clusterEndpoints,
        Optional<Sandbox> sandbox,
        Optional<io.promdeck.app.config.ConfigLocator> configs,
        Optional<io.promdeck.app.operator.OperatorResources.Reading> operator) implements AutoCloseable {

    /** A session of a stack not run by prometheus-operator (or whose resources were not read). */
    public StackSession(String title, String userName, Optional<ClusterConnection> connection, Optional<Capabilities> capabilities,
            Optional<DiscoveredStack> discovered, Optional<TransportMode.Choice> transport, StackMonitor monitor,
            Optional<NamespaceWatch> namespaceWatch, Optional<ClusterEndpoints> clusterEndpoints, Optional<Sandbox> sandbox,
            Optional<io.promdeck.app.config.ConfigLocator> configs) {
        this(title, userName, connection, capabilities, discovered, transport, monitor, namespaceWatch, clusterEndpoints, sandbox, configs,
                Optional.empty());
    }

    public StackSession(String title, String userName, Optional<ClusterConnection> connection, Optional<Capabilities> capabilities,
            Optional<DiscoveredStack> discovered, Optional<TransportMode.Choice> transport, StackMonitor monitor,
            Optional<NamespaceWatch> namespaceWatch, Optional<ClusterEndpoints> clusterEndpoints) {
        this(title, userName, connection, capabilities, discovered, transport, monitor, namespaceWatch, clusterEndpoints, Optional.empty(),
                Optional.empty());
    }

    @Override
    public void close() {
        monitor.close();
        namespaceWatch.ifPresent(NamespaceWatch::close);
        clusterEndpoints.ifPresent(ClusterEndpoints::close);
        connection.ifPresent(ClusterConnection::close);
    }
}
