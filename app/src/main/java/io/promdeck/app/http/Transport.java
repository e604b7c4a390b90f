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
}
