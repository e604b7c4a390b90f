package io.promdeck.app.alertmanager;

import java.util.List;
import java.util.Map;

/** {@code GET /api/v2/alerts/groups}: alerts grouped as the routing tree groups them. */
public record AlertGroup(Map<String, String> labels, String receiver, List<Alert> alerts) {

    public AlertGroup {
        labels = Map.copyOf(labels);
        alerts = List.copyOf(alerts);
    }
}
