package io.promdeck.app.live;

import java.time.Instant;

/**
 * What one Prometheus replica reports about itself in one refresh.
 *
 * @param configHash    hash of the loaded config without the replica label (equal on healthy replicas)
 * @param ingestionRate samples appended per second over the last minute
 */
public record ReplicaStatus(String version, Instant startTime, boolean reloadSuccess, Instant lastConfigTime, String configHash,
        int targetsUp, int targetsTotal, long headSeries, double ingestionRate) {
}
