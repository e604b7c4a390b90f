package io.promdeck.app.prometheus;

import java.util.List;

/** {@code /api/v1/alertmanagers}: the Alertmanager URLs a replica sends alerts to, and those it dropped. */
public record DiscoveredAlertmanagers(List<String> active, List<String> dropped) {

    public DiscoveredAlertmanagers {
        active = List.copyOf(active);
        dropped = List.copyOf(dropped);
    }
}
