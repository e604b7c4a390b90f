package io.promdeck.app.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Refreshes many endpoints independently: one request in flight per endpoint, each rescheduled after its own answer
 * at an adaptive interval (at least the operator's floor, and at least {@value #LOAD_FACTOR}x the last response time,
 * so the console costs a slow Alertmanager no more than about a tenth of its time). A slow endpoint never delays the
 * others. {@link #refreshNow()} runs every task once more at once (the refresh shortcut).
 */
public final class RefreshScheduler implements AutoCloseable {

    /** Interval ≥ this many times the last response time. */
    public static final int LOAD_FACTOR = 10;

    /** One endpoint's refresh: does the call (blocking) and publishes what it got; returns the response time. */
    @FunctionalInterface
    public interface Task {
        Duration run();
    }

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final LongSupplier floorMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param timer       schedules the next run (owns no I/O)
     * @param workers     runs the calls (the application's shared background executor)
     * @param floorMillis the operator's refresh interval setting, read at each rescheduling
     */
    public RefreshScheduler(ScheduledExecutorService timer, ExecutorService workers, LongSupplier floorMillis) {
        this.timer = timer;
        this.workers = workers;
        this.floorMillis = floorMillis;
    }

    private final class Entry {
        final String key;
        final Task task;
        volatile boolean running;
        volatile Duration lastResponse = Duration.ZERO;
        volatile ScheduledFuture<?> next;

        Entry(String key, Task task) {
            this.key = key;
            this.task = task;
        }

        synchronized void start() {
            if (running || closed || !entries.containsKey(key)) {
                return;
            }
            running = true;
            workers.execute(() -> {
                try {
                    lastResponse = task.run();
                } catch (RuntimeException e) {
                    lastResponse = Duration.ofSeconds(1);
                } finally {
                    synchronized (this) {
                        running = false;
                    }
                    schedule(intervalMillis(lastResponse));
                }
            });
        }

        synchronized void schedule(long delayMillis) {
            if (closed || !entries.containsKey(key)) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = timer.schedule(this::start, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Adds (or replaces) an endpoint's task and runs it at once. */
    public void add(String key, Task task) {
        Entry entry = new Entry(key, task);
        Entry old = entries.put(key, entry);
        if (old != null && old.next != null) {
            old.next.cancel(false);
        }
        entry.start();
    }

    public void remove(String key) {
        Entry entry = entries.remove(key);
        if (entry != null && entry.next != null) {
            entry.next.cancel(false);
        }
    }

    /** Runs every task now, except those already in flight. */
    public void refreshNow() {
        entries.values().forEach(Entry::start);
    }

    public long intervalMillis(Duration lastResponse) {
        return Math.max(floorMillis.getAsLong(), lastResponse.toMillis() * LOAD_FACTOR);
    }

    /** The delay before the next run of {@code key}, for the status bar. */
    public long currentIntervalMillis(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : intervalMillis(entry.lastResponse);
    }

    @Override
    public void close() {
        closed = true;
        entries.values().forEach(e -> {
            if (e.next != null) {
                e.next.cancel(false);
            }
        });
        entries.clear();
    }
}
