package io.promdeck.app.prometheus;

import java.time.Instant;
import java.util.Map;

/** An alert as one Prometheus replica evaluates it (without external labels). */
public record PrometheusAlert(Map<String, String> labels, Map<String, String> annotations, String state, Instant activeAt, String value) {

    public PrometheusAlert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }
}
