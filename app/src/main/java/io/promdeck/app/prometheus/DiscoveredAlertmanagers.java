package io.promdeck.app.prometheus;

import java.util.List;

/** {@code /api/v1/alertmanagers}: the Alertmanager URLs a replica sends alerts to, and those it dropped. */
public record DiscoveredAlertmanagers(List<String> active, List<String> dropped) {

    public DiscoveredAlertmanagers {
        active = List.copyOf(active);
        dropped = List.copyOf(dropped);
    }

    /** The active Alertmanagers as "host:port", comparable with the peers' addresses. */
    public java.util.Set<String> activeAddresses() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        active.forEach(url -> out.add(hostPort(url)));
        return out;
    }

    /** "http://10.0.0.1:9093/api/v2/alerts" → "10.0.0.1:9093". */
    public static String hostPort(String url) {
        okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url);
        return parsed == null ? url : parsed.host() + ":" + parsed.port();
    }
}
