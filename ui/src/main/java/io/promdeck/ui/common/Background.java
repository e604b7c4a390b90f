package io.promdeck.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one executor for background work (HTTP, Kubernetes, files); daemon threads, so the window can always close. */
public final class Background {

    private final ExecutorService executor;

    private Background(ExecutorService executor) {
        this.executor = executor;
    }

    public static Background create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "promdeck-bg-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new Background(Executors.newCachedThreadPool(factory));
    }

    public ExecutorService executor() {
        return executor;
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
