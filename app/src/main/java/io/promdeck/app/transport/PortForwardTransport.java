package io.promdeck.app.transport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import java.io.IOException;
import okhttp3.OkHttpClient;

/**
 * Reaches a pod's port through a port-forward (fabric8), for users who may not use {@code pods/proxy}. The local
 * port is opened on first use, on 127.0.0.1 only, and closed by {@link #close()}.
 */
public final class PortForwardTransport implements Transport, AutoCloseable {

    private final KubernetesClient client;
    private final OkHttpClient http;
    private final String namespace;
    private final String pod;
    private final int port;
    private LocalPortForward forward;
    private DirectTransport direct;

    public PortForwardTransport(KubernetesClient client, OkHttpClient http, String namespace, String pod, int port) {
        this.client = client;
        this.http = http;
        this.namespace = namespace;
        this.pod = pod;
        this.port = port;
    }

    @Override
    public TransportResponse exchange(TransportRequest request) throws IOException {
        return open().exchange(request);
    }

    /** Opens the forward if it is not open; returns the local transport. */
    synchronized DirectTransport open() throws IOException {
        if (forward == null || !forward.isAlive()) {
            closeQuietly();
            try {
                forward = client.pods().inNamespace(namespace).withName(pod).portForward(port);
            } catch (RuntimeException e) {
                throw new IOException("cannot open a port-forward to " + target() + ": " + e.getMessage(), e);
            }
            direct = new DirectTransport(http, "http://127.0.0.1:" + forward.getLocalPort());
        }
        return direct;
    }

    /** The local port while open, -1 otherwise. */
    public synchronized int localPort() {
        return forward == null ? -1 : forward.getLocalPort();
    }

    /** The forwarded local URL while the forward is open. */
    @Override
    public synchronized java.util.Optional<Address> address() {
        return direct == null || forward == null || !forward.isAlive() ? java.util.Optional.empty() : direct.address();
    }

    @Override
    public String target() {
        return "pod " + namespace + "/" + pod + ":" + port;
    }

    @Override
    public Route route() {
        return Route.PORT_FORWARD;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (forward != null) {
            try {
                forward.close();
            } catch (IOException e) {
                // Closing a broken forward: nothing left to release.
            }
            forward = null;
            direct = null;
        }
    }
}
