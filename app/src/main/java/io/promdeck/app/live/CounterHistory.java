package io.promdeck.app.live;

import io.promdeck.app.prometheus.Sample;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a Prometheus replica recorded about the stack's own error counters over the last {@link #RANGE}: the increase of
 * each counter per scraped instance, and each instance's process start time — so a component (which knows its own
 * start time from its {@code /metrics}) finds its own series, and one pass can say "failing in the last 5 min" without
 * reading the counters twice. Empty when the replica does not scrape these components.
 *
 * @param increases counter name → its {@code increase(...[5m])} samples
 * @param starts    {@code process_start_time_seconds} samples
 */
public record CounterHistory(Map<String, List<Sample>> increases, List<Sample> starts) {

    public static final String RANGE = "5m";
    /** The counters whose history the doctor reads. */
    public static final List<String> COUNTERS = List.of("prometheus_notifications_errors_total", "prometheus_notifications_dropped_total",
            "prometheus_rule_evaluation_failures_total", "alertmanager_notifications_failed_total", "thanos_shipper_upload_failures_total");

    public CounterHistory {
        increases = Map.copyOf(increases);
        starts = List.copyOf(starts);
    }

    /**
     * The increase over {@link #RANGE} of {@code counter} for the instance whose process started at {@code processStart}
     * (summed over samples whose labels include {@code match}); empty when this history has no such instance.
     */
    public OptionalDouble increase(String counter, double processStart, Map<String, String> match) {
        String instance = null;
        for (Sample start : starts) {
            if (Math.abs(start.value() - processStart) < 0.01) {
                instance = start.labels().get("instance");
                break;
            }
        }
        if (instance == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (Sample s : increases.getOrDefault(counter, List.of())) {
            if (instance.equals(s.labels().get("instance")) && s.labels().entrySet().containsAll(match.entrySet())) {
                sum += s.value();
            }
        }
        return OptionalDouble.of(sum);
    }
}
