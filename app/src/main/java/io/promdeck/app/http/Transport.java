package io.promdeck.app.http;

import java.io.IOException;

/**
 * Sends one HTTP request to one component endpoint (one pod and port, or one URL).
 *
 * <p>Implementations only move bytes; the clients turn what comes back into typed results. An
 * implementation throws {@link java.io.InterruptedIOException} (or its subclass
 * {@link java.net.SocketTimeoutException}) when the request's timeout passes, and another
 * {@link IOException} when the endpoint cannot be reached.
 */
public interface Transport {

    TransportResponse exchange(TransportRequest request) throws IOException;

    /** Where requests go, for messages: a URL, or {@code pod ns/name:port via API server}. */
    String target();

    Route route();

    /**
     * How an operator reaches the same endpoint from a terminal, for "copy as": the URL requests go to, and for the
     * API-server proxy the path kubectl uses. Empty when there is no such address (a port-forward not open yet).
     */
    default java.util.Optional<Address> address() {
        return java.util.Optional.empty();
    }

    /**
     * An endpoint's address as a terminal would use it.
     *
     * @param baseUrl   the URL a path is appended to ({@code http://127.0.0.1:9090}, or the API server's proxy URL)
     * @param proxyPath for the API-server proxy, the path {@code kubectl get --raw} takes; "" otherwise
     * @param bearer    whether requests need the user's bearer token (the API server does; a pod's own port does not)
     */
    record Address(String baseUrl, String proxyPath, boolean bearer) {
    }
}
