package io.promdeck.app.prometheus;

import java.util.Map;

/** One element of an instant-query vector. */
public record Sample(Map<String, String> labels, double timestamp, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }
}
