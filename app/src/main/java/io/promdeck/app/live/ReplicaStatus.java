package io.promdeck.app.live;

import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.prometheus.ConfigHash;
import io.promdeck.app.prometheus.LoadedConfig;
import io.promdeck.app.prometheus.TargetSummary;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one Prometheus replica reports about itself in one refresh.
 *
 * @param config  the configuration it runs, as it serves it
 * @param targets its active targets per job
 * @param metrics its own {@code /metrics} (the counters Promdeck reads), this reading and the one before
 * @param agent   it runs in agent mode (no TSDB: {@code headSeries} is -1)
 */
public record ReplicaStatus(String version, Instant startTime, boolean reloadSuccess, Instant lastConfigTime, LoadedConfig config,
        TargetSummary targets, long headSeries, MetricsWindow metrics, boolean agent) {

    public ReplicaStatus(String version, Instant startTime, boolean reloadSuccess, Instant lastConfigTime, LoadedConfig config,
            TargetSummary targets, long headSeries, MetricsWindow metrics) {
        this(version, startTime, reloadSuccess, lastConfigTime, config, targets, headSeries, metrics, false);
    }

    static final String SAMPLES_APPENDED = "prometheus_tsdb_head_samples_appended_total";

    /**
     * A hash of the configuration that is equal on replicas differing only in {@code replicaLabel}: the config without
     * external labels, and the external labels without the replica label.
     */
    public String configHash(String replicaLabel) {
        Map<String, String> others = new TreeMap<>(config.externalLabels());
        others.remove(replicaLabel);
        return ConfigHash.ofText(config.hashWithoutExternalLabels() + others);
    }

    public Map<String, String> externalLabels() {
        return config.externalLabels();
    }

    public int targetsUp() {
        return targets.up();
    }

    public int targetsTotal() {
        return targets.total();
    }

    /** Samples this replica itself appended per second between its last two readings; NaN until there are two. */
    public double ingestionRate() {
        return metrics.rate(SAMPLES_APPENDED).orElse(Double.NaN);
    }
}
