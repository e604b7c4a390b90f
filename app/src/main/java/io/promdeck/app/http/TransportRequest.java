package io.promdeck.app.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP request to a component, independent of how it travels (direct, API-server proxy, port-forward).
 *
 * @param method      HTTP method, upper case
 * @param path        path below the component's root, starting with '/', query string included
 * @param body        request body, empty for none
 * @param contentType content type of the body, null for none
 * @param timeout     time allowed for the whole call
 */
public record TransportRequest(String method, String path, byte[] body, String contentType, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public TransportRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        body = body == null ? new byte[0] : body;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static TransportRequest get(String path) {
        return new TransportRequest("GET", path, null, null, DEFAULT_TIMEOUT);
    }

    public static TransportRequest post(String path) {
        return new TransportRequest("POST", path, null, null, DEFAULT_TIMEOUT);
    }

    public static TransportRequest postJson(String path, String json) {
        return new TransportRequest("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json", DEFAULT_TIMEOUT);
    }

    public static TransportRequest delete(String path) {
        return new TransportRequest("DELETE", path, null, null, DEFAULT_TIMEOUT);
    }

    public TransportRequest withTimeout(Duration newTimeout) {
        return new TransportRequest(method, path, body, contentType, newTimeout);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
