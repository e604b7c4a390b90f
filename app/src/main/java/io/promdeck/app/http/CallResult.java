package io.promdeck.app.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of one client call: a value, or a {@link CallError}. Clients never throw across their boundary.
 */
public sealed interface CallResult<T> {

    /** How long the call took, success or not. */
    Duration elapsed();

    static <T> CallResult<T> ok(T value, Duration elapsed) {
        return new Ok<>(value, elapsed);
    }

    static <T> CallResult<T> failed(CallError error, Duration elapsed) {
        return new Failed<>(error, elapsed, "", "");
    }

    record Ok<T>(T value, Duration elapsed) implements CallResult<T> {
    }

    /**
     * @param request the request that failed, "GET /api/v2/alerts", for the details view ("" when not known)
     * @param via     how it travelled, "pod monitoring/alertmanager-0:9093 via API server proxy" ("" when not known)
     */
    record Failed<T>(CallError error, Duration elapsed, String request, String via) implements CallResult<T> {
        public Failed {
            request = request == null ? "" : request;
            via = via == null ? "" : via;
        }

        /** Everything known about the failure, for the details view. */
        public CallFailure describe(java.time.Instant at) {
            return new CallFailure(error, request, via, elapsed, at);
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default Optional<T> ok() {
        return this instanceof Ok<T> ok ? Optional.ofNullable(ok.value()) : Optional.empty();
    }

    default Optional<CallError> failure() {
        return this instanceof Failed<T> failed ? Optional.of(failed.error()) : Optional.empty();
    }

    /** The failure with its request and route, stamped {@code at}; empty on success. */
    default Optional<CallFailure> failureAt(java.time.Instant at) {
        return this instanceof Failed<T> failed ? Optional.of(failed.describe(at)) : Optional.empty();
    }

    /** The value, or an {@link IllegalStateException} naming the error: for tests and for code that checked {@link #isOk()}. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(((Failed<T>) this).error().summary());
    }

    default <R> CallResult<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()), ok.elapsed());
        }
        return retype();
    }

    /** This failure as a result of another type (the same error, request and route). */
    @SuppressWarnings("unchecked")
    default <R> CallResult<R> retype() {
        if (this instanceof Failed<T> failed) {
            return (CallResult<R>) failed;
        }
        throw new IllegalStateException("retype() of a successful result");
    }

    /** A sentence for the operator: the error's summary, or "ok". */
    default String describe() {
        return failure().map(CallError::summary).orElse("ok");
    }
}
