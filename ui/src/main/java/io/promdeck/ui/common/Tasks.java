package io.promdeck.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work that reads like a sentence: {@code tasks.run(() -> load()).onSuccess(show).onError(report).start()}.
 * The work runs on the one shared executor; every callback runs on the UI thread.
 */
public final class Tasks {

    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    private final ExecutorService executor;
    private final UiThread ui;

    public Tasks(ExecutorService executor, UiThread ui) {
        this.executor = executor;
        this.ui = ui;
    }

    public UiThread ui() {
        return ui;
    }

    public ExecutorService executor() {
        return executor;
    }

    public <T> Builder<T> run(Callable<T> work) {
        return new Builder<>(work);
    }

    /** One piece of background work and what to do with its outcome. */
    public final class Builder<T> {
        private final Callable<T> work;
        private Consumer<T> success = v -> { };
        private Consumer<Throwable> error = e -> LOG.warn("background task failed", e);
        private Runnable last = () -> { };

        private Builder(Callable<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> handler) {
            success = handler;
            return this;
        }

        public Builder<T> onError(Consumer<Throwable> handler) {
            error = handler;
            return this;
        }

        public Builder<T> andFinally(Runnable handler) {
            last = handler;
            return this;
        }

        /** Starts the work; the future cancels it (interrupting it) when the operator gives up. */
        public java.util.concurrent.Future<?> start() {
            return executor.submit(() -> {
                T value;
                try {
                    value = work.call();
                } catch (Exception | LinkageError e) {
                    ui.execute(() -> {
                        try {
                            error.accept(e);
                        } finally {
                            last.run();
                        }
                    });
                    return;
                }
                ui.execute(() -> {
                    try {
                        success.accept(value);
                    } finally {
                        last.run();
                    }
                });
            });
        }
    }
}
