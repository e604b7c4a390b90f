package io.promdeck.ui.replicas;

import java.util.List;

/** One Prometheus replica as the table shows it. */
public record ReplicaRow(String name, String ready, String node, String restarts, String version, String uptime,
        String lastReload, String lastConfigTime, String configHash, boolean hashDiffers, String targets, String headSeries,
        List<Double> ingestion, String freshness, String error, String reloadResult, boolean reloadFailed) {

    public ReplicaRow {
        ingestion = List.copyOf(ingestion);
    }
}
