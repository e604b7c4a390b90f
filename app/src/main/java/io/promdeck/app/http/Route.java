package io.promdeck.app.http;

/** How a transport reaches the component; decides whether an error may come from a proxy in between. */
public enum Route {
    /** Straight to the component's URL (a direct-URL profile or a test). */
    DIRECT,
    /** Through the Kubernetes API server's {@code pods/proxy} subresource. */
    API_SERVER_PROXY,
    /** Through a local port forwarded by the Kubernetes API server. */
    PORT_FORWARD;

    public boolean throughApiServer() {
        return this != DIRECT;
    }
}
