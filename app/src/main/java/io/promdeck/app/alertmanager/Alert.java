package io.promdeck.app.alertmanager;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An alert as one Alertmanager peer holds it ({@code GET /api/v2/alerts}). */
public record Alert(
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlertState state,
        List<String> silencedBy,
        List<String> inhibitedBy,
        Instant startsAt,
        Instant endsAt,
        Instant updatedAt,
        String generatorUrl,
        List<String> receivers) {

    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
        receivers = List.copyOf(receivers);
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    public boolean inhibited() {
        return !inhibitedBy.isEmpty();
    }

    public boolean silenced() {
        return !silencedBy.isEmpty();
    }
}
