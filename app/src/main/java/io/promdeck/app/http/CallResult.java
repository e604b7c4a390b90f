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
        return new Failed<>(error, elapsed);
    }

    record Ok<T>(T value, Duration elapsed) implements CallResult<T> {
    }

    record Failed<T>(CallError error, Duration elapsed) implements CallResult<T> {
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
        Failed<T> failed = (Failed<T>) this;
        return new Failed<>(failed.error(), failed.elapsed());
    }

    /** A sentence for the operator: the error's summary, or "ok". */
    default String describe() {
        return failure().map(CallError::summary).orElse("ok");
    }
}
