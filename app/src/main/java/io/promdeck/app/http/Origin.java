package io.promdeck.app.http;

/** Who produced an HTTP error: the component itself or a proxy between us and it. */
public enum Origin {
    COMPONENT,
    /** The Kubernetes API server (a {@code Status} object, a 502/503 of its proxy, 401/403). */
    PROXY
}
