package io.promdeck.app.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code POST /-/reload} did on one replica or peer.
 *
 * @param outcome reloaded (and confirmed from the component's own metrics), rejected by the component (its message
 *                says why), not delivered at all, or answered but not confirmed
 * @param message the component's own error text when rejected; the transport's summary when not delivered; why it
 *                could not be confirmed
 * @param error   the underlying call error, absent on success
 */
public record ReloadResult(Outcome outcome, String message, Optional<CallError> error, Duration elapsed) {

    public enum Outcome {
        /** The component answered the reload and its last successful reload time moved. */
        RELOADED,
        /** The component answered with an error: it keeps running the previous configuration. */
        REJECTED,
        /** The request never reached the component (or what answered was not the component). */
        NOT_DELIVERED,
        /** The component answered, but reading back whether the reload took effect failed or showed it did not. */
        UNCONFIRMED
    }

    public static ReloadResult reloaded(Duration elapsed) {
        return new ReloadResult(Outcome.RELOADED, "", Optional.empty(), elapsed);
    }

    public static ReloadResult unconfirmed(String why, Optional<CallError> error, Duration elapsed) {
        return new ReloadResult(Outcome.UNCONFIRMED, why, error, elapsed);
    }

    /**
     * Turns a failed reload call into REJECTED (the component answered with an error status) or NOT_DELIVERED (it
     * never saw the request, or the 2xx came from something else: a login page is not a reload).
     */
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
