package io.promdeck.ui.replicas;

import io.promdeck.app.http.CallFailure;
import java.util.List;
import java.util.Optional;

/**
 * One Prometheus replica as the table shows it.
 *
 * @param old     the values are from an earlier refresh (shown muted, with their age in {@code freshness})
 * @param failure the latest refresh's failure, for the details view
 * @param role    what it is in its stack, with its HA group ("replica", "replica · dc1", "global", "agent")
 */
public record ReplicaRow(String name, String ready, String node, String restarts, String version, String uptime,
        String lastReload, String lastConfigTime, String configHash, boolean hashDiffers, String targets, String headSeries,
        List<Double> ingestion, String freshness, String error, String reloadResult, boolean reloadFailed, boolean old,
        Optional<CallFailure> failure, String role) {

    public ReplicaRow {
        ingestion = List.copyOf(ingestion);
    }
}
