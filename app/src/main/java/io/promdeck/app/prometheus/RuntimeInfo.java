package io.promdeck.app.prometheus;

import java.time.Instant;

/**
 * {@code /api/v1/status/runtimeinfo}. {@code lastConfigTime} moves only when a reload succeeds; after a failed
 * reload {@code reloadConfigSuccess} is false and the old configuration keeps running.
 */
public record RuntimeInfo(
        Instant startTime,
        boolean reloadConfigSuccess,
        Instant lastConfigTime,
        long corruptionCount,
        long goroutineCount,
        String storageRetention) {
}
