package io.promdeck.app.cluster;

/**
 * The operator's own answer to "which pods are the Prometheus?" for one component in one context: a label
 * selector ({@code app=prom,tier=ha}) or a Service whose selector picks the pods. Exactly one is set.
 */
public record DiscoveryOverride(String selector, String service, Integer port) {

    public static DiscoveryOverride selector(String selector) {
        return new DiscoveryOverride(selector, null, null);
    }

    public static DiscoveryOverride service(String service) {
        return new DiscoveryOverride(null, service, null);
    }

    public DiscoveryOverride withPort(int newPort) {
        return new DiscoveryOverride(selector, service, newPort);
    }

    public String describe() {
        return (selector != null ? "override: selector " + selector : "override: service " + service) + (port == null ? "" : " port " + port);
    }
}
