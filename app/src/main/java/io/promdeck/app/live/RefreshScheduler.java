package io.promdeck.app.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Refreshes many endpoints independently, one task per endpoint and kind of call ("alerts/alertmanager-0"), each with
 * at most one request in flight; a slow or failing endpoint never delays the others.
 * <ul>
 * <li>After an answer the next run waits the adaptive interval: at least the operator's floor and at least
 *     {@value #LOAD_FACTOR}x the last response time, so the console costs a slow Alertmanager no more than about a
 *     tenth of its time (capped at {@link #MAX_INTERVAL}).</li>
 * <li>After a failure or timeout it waits a capped, jittered back-off instead — 1 s, 2 s, 4 s … at most
 *     {@link #MAX_BACKOFF} (±20%), never longer than the floor — whatever the failed call's duration was, so an
 *     endpoint is back on screen at most the call timeout plus {@code MAX_BACKOFF × 1.2} after it recovers.</li>
 * <li>{@link #refreshNow()} runs every task that is not in flight at once.</li>
 * </ul>
 */
public final class RefreshScheduler implements AutoCloseable {

    /** Interval ≥ this many times the last response time. */
    public static final int LOAD_FACTOR = 10;
    /** The longest wait between two answered refreshes, however slow the endpoint. */
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(2);
    /** The first wait after a failure; doubled on each further failure. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** The longest wait after failures, before jitter. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(12);

    /** What one run of a task found: how long the endpoint took, and whether it answered usefully. */
    public record Outcome(Duration responseTime, boolean ok) {
        public static Outcome ok(Duration responseTime) {
            return new Outcome(responseTime, true);
        }

        public static Outcome failed(Duration responseTime) {
            return new Outcome(responseTime, false);
        }
    }

    /** One endpoint's refresh: does the call (blocking) and publishes what it got. */
    @FunctionalInterface
    public interface Task {
        Outcome run();
    }

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final LongSupplier floorMillis;
    private final DoubleSupplier jitter;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param timer       schedules the next run (owns no I/O)
     * @param workers     runs the calls (the application's shared background executor)
     * @param floorMillis the operator's refresh interval setting, read at each rescheduling
     */
    public RefreshScheduler(ScheduledExecutorService timer, ExecutorService workers, LongSupplier floorMillis) {
        this(timer, workers, floorMillis, () -> ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    /** @param jitter a factor around 1 applied to each back-off (tests pass a constant) */
    RefreshScheduler(ScheduledExecutorService timer, ExecutorService workers, LongSupplier floorMillis, DoubleSupplier jitter) {
        this.timer = timer;
        this.workers = workers;
        this.floorMillis = floorMillis;
        this.jitter = jitter;
    }

    private final class Entry {
        final String key;
        final Task task;
        final Duration minInterval;
        volatile boolean running;
        volatile Outcome last = Outcome.ok(Duration.ZERO);
        volatile int failures;
        volatile ScheduledFuture<?> next;

        Entry(String key, Task task, Duration minInterval) {
            this.key = key;
            this.task = task;
            this.minInterval = minInterval;
        }

        void start() {
            synchronized (this) {
                if (running || closed) {
                    return;
                }
                running = true;
            }
            workers.execute(() -> {
                try {
                    last = task.run();
                } catch (RuntimeException e) {
                    last = Outcome.failed(Duration.ZERO);
                } finally {
                    failures = last.ok() ? 0 : failures + 1;
                    synchronized (this) {
                        running = false;
                    }
                    long delay = delayMillis(last, failures);
                    schedule(minInterval == null || !last.ok() ? delay : Math.max(delay, minInterval.toMillis()));
                }
            });
        }

        synchronized void schedule(long delayMillis) {
            if (closed || entries.get(key) != this) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = timer.schedule(this::start, delayMillis, TimeUnit.MILLISECONDS);
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    /** Adds (or replaces) an endpoint's task and runs it at once. */
    public void add(String key, Task task) {
        add(key, task, null);
    }

    /** Like {@link #add(String, Task)}, with answered runs at least {@code minInterval} apart (null: no minimum). */
    public void add(String key, Task task, Duration minInterval) {
        Entry entry = new Entry(key, task, minInterval);
        Entry old = entries.put(key, entry);
        if (old != null) {
            old.cancel();
        }
        entry.start();
    }

    public void remove(String key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            entry.cancel();
        }
    }

    /** Runs every task now, except those already in flight. */
    public void refreshNow() {
        entries.values().forEach(Entry::start);
    }

    /** The wait after an outcome: the adaptive interval after an answer, the back-off after the n-th failure in a row. */
    long delayMillis(Outcome outcome, int failuresInARow) {
        long floor = floorMillis.getAsLong();
        if (outcome.ok()) {
            return Math.min(MAX_INTERVAL.toMillis(), Math.max(floor, outcome.responseTime().toMillis() * LOAD_FACTOR));
        }
        long backoff = FIRST_BACKOFF.toMillis() << Math.min(failuresInARow - 1, 20);
        backoff = Math.min(backoff, MAX_BACKOFF.toMillis());
        return Math.round(Math.min(backoff, Math.max(floor, FIRST_BACKOFF.toMillis())) * jitter.getAsDouble());
    }

    /** The delay before the next run of {@code key}, for the status bar. */
    public long currentIntervalMillis(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : delayMillis(entry.last, Math.max(1, entry.failures));
    }

    /** How many tasks are running right now (tests: nothing piles up). */
    public int inFlight() {
        return (int) entries.values().stream().filter(e -> e.running).count();
    }

    @Override
    public void close() {
        closed = true;
        entries.values().forEach(Entry::cancel);
        entries.clear();
    }
}
