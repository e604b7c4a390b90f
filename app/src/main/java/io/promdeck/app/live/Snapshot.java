package io.promdeck.app.live;

import io.promdeck.app.http.CallError;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one refresh of one endpoint produced: the value (the last good one when this refresh failed), the error, when,
 * and how long the endpoint took. Immutable; the UI replaces, never edits.
 */
public record Snapshot<T>(String endpoint, Instant takenAt, Freshness freshness, Optional<T> value, Optional<CallError> error,
        Duration responseTime) {

    public static <T> Snapshot<T> pending(String endpoint, Instant now) {
        return new Snapshot<>(endpoint, now, Freshness.PENDING, Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    /** The next snapshot after a refresh: fresh on success; on failure the previous value, marked stale. */
    public Snapshot<T> next(Instant now, Optional<T> fresh, Optional<CallError> failure, Duration took) {
        if (fresh.isPresent()) {
            return new Snapshot<>(endpoint, now, Freshness.OK, fresh, Optional.empty(), took);
        }
        return new Snapshot<>(endpoint, now, value.isPresent() ? Freshness.STALE : Freshness.ERROR, value, failure, took);
    }
}
