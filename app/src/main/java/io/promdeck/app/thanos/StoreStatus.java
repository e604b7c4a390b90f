package io.promdeck.app.thanos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint Thanos Query knows. When {@code lastError} is set, the other fields are the last good values,
 * possibly stale.
 *
 * @param maxTime epoch ms; {@link Long#MAX_VALUE} for sidecars and rulers, meaning "up to now"
 */
public record StoreStatus(
        String type,
        String name,
        Instant lastCheck,
        Optional<String> lastError,
        List<Map<String, String>> labelSets,
        long minTime,
        long maxTime) {

    public StoreStatus {
        labelSets = labelSets.stream().map(Map::copyOf).toList();
    }

    public boolean openEnded() {
        return maxTime == Long.MAX_VALUE;
    }

    public boolean healthy() {
        return lastError.isEmpty();
    }

    public Instant minInstant() {
        return Instant.ofEpochMilli(minTime);
    }

    /** The end of the range, or empty for "now". */
    public Optional<Instant> maxInstant() {
        return openEnded() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(maxTime));
    }
}
