package io.promdeck.app.live;

import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallFailure;
import io.promdeck.app.http.CallResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the refreshes of one endpoint have produced so far: the value (the last good one when the latest refresh
 * failed) with the time it was read, the latest failure, and how long the endpoint took. Immutable; the UI replaces,
 * never edits.
 *
 * @param takenAt    when the latest refresh finished, success or not
 * @param valueAt    when {@code value} was read (null while there is none)
 * @param failure    the latest refresh's failure; empty when it succeeded
 * @param failuresInARow consecutive failed refreshes (0 after a success)
 */
public record Snapshot<T>(String endpoint, Instant takenAt, Freshness freshness, Optional<T> value, Instant valueAt,
        Optional<CallFailure> failure, Duration responseTime, int failuresInARow) {

    public static <T> Snapshot<T> pending(String endpoint, Instant now) {
        return new Snapshot<>(endpoint, now, Freshness.PENDING, Optional.empty(), null, Optional.empty(), Duration.ZERO, 0);
    }

    /** A snapshot that holds {@code value} read at {@code now} (tests and replays). */
    public static <T> Snapshot<T> of(String endpoint, Instant now, T value) {
        return Snapshot.<T>pending(endpoint, now).next(now, CallResult.ok(value, Duration.ZERO));
    }

    /** The next snapshot after a refresh: fresh on success; on failure the previous value, marked stale. */
    public Snapshot<T> next(Instant now, CallResult<T> result) {
        if (result instanceof CallResult.Ok<T> ok) {
            return new Snapshot<>(endpoint, now, Freshness.OK, Optional.ofNullable(ok.value()), now, Optional.empty(), ok.elapsed(), 0);
        }
        CallFailure failed = result.failureAt(now).orElseThrow();
        return new Snapshot<>(endpoint, now, value.isPresent() ? Freshness.STALE : Freshness.ERROR, value, valueAt,
                Optional.of(failed), result.elapsed(), failuresInARow + 1);
    }

    public Optional<CallError> error() {
        return failure.map(CallFailure::error);
    }

    /** Whether the value shown is from the latest refresh. */
    public boolean fresh() {
        return freshness == Freshness.OK;
    }

    /** How old the value is at {@code now}; empty when there is none. */
    public Optional<Duration> age(Instant now) {
        return valueAt == null ? Optional.empty() : Optional.of(Duration.between(valueAt, now));
    }
}
