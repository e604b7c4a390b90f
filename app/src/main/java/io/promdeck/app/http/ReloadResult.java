package io.promdeck.app.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code POST /-/reload} did on one replica or peer.
 *
 * @param outcome reloaded, rejected by the component (its message says why), or not delivered at all
 * @param message the component's own error text when rejected; the transport's summary when not delivered
 * @param error   the underlying call error, absent on success
 */
public record ReloadResult(Outcome outcome, String message, Optional<CallError> error, Duration elapsed) {

    public enum Outcome {
        RELOADED, REJECTED, NOT_DELIVERED
    }

    public static ReloadResult reloaded(Duration elapsed) {
        return new ReloadResult(Outcome.RELOADED, "", Optional.empty(), elapsed);
    }

    /** Turns a failed reload call into REJECTED (the component answered) or NOT_DELIVERED (it never saw the request). */
    public static ReloadResult fromError(CallError error, Duration elapsed) {
        if (error instanceof CallError.HttpError http && !http.fromProxy()) {
            return new ReloadResult(Outcome.REJECTED, http.message(), Optional.of(error), elapsed);
        }
        return new ReloadResult(Outcome.NOT_DELIVERED, error.summary(), Optional.of(error), elapsed);
    }

    public boolean succeeded() {
        return outcome == Outcome.RELOADED;
    }
}
