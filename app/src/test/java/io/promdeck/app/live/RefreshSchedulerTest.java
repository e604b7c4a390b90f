package io.promdeck.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.live.RefreshScheduler.Outcome;
import io.promdeck.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshSchedulerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void afterAnAnswerTheIntervalIsTheFloorOrTenTimesTheResponseCapped() {
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 5_000, () -> 1.0)) {
            assertThat(scheduler.delayMillis(Outcome.ok(Duration.ofMillis(100)), 0)).isEqualTo(5_000);
            assertThat(scheduler.delayMillis(Outcome.ok(Duration.ofMillis(2_000)), 0)).isEqualTo(20_000);
            assertThat(scheduler.delayMillis(Outcome.ok(Duration.ofSeconds(30)), 0)).isEqualTo(RefreshScheduler.MAX_INTERVAL.toMillis());
        }
    }

    @Test
    void afterFailuresTheBackOffDoublesUpToItsCapWhateverTheFailedCallTook() {
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 60_000, () -> 1.0)) {
            List<Long> delays = new ArrayList<>();
            for (int failures = 1; failures <= 7; failures++) {
                // A timed-out call took 10 s: the old rule (10x the response) waited 100 s before trying again.
                delays.add(scheduler.delayMillis(Outcome.failed(Duration.ofSeconds(10)), failures));
            }
            assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 12_000L, 12_000L, 12_000L);
        }
    }

    @Test
    void backOffIsJitteredAndNeverLongerThanTheOperatorsInterval() {
        try (RefreshScheduler low = new RefreshScheduler(timer, workers, () -> 5_000, () -> 1.2);
                RefreshScheduler high = new RefreshScheduler(timer, workers, () -> 60_000, () -> 0.8)) {
            assertThat(low.delayMillis(Outcome.failed(Duration.ZERO), 10)).isEqualTo(6_000);
            assertThat(high.delayMillis(Outcome.failed(Duration.ZERO), 10)).isEqualTo(9_600);
        }
    }

    @Test
    void aRecoveredEndpointIsAskedAgainWithinTheBackOffNotTenTimesItsTimeout() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(1);
        // Floor 1 min: an answering endpoint would next be asked after a minute; a failing one far sooner.
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 60_000, () -> 1.0)) {
            scheduler.add("flaky", () -> {
                calls.incrementAndGet();
                if (down.get()) {
                    return Outcome.failed(Duration.ofMillis(200));
                }
                answered.countDown();
                return Outcome.ok(Duration.ofMillis(5));
            });
            Await.until(Duration.ofSeconds(10), "two failed calls", () -> calls.get() >= 2);
            long recovered = System.nanoTime();
            down.set(false);
            Await.until(Duration.ofSeconds(10), "the call after recovery", () -> answered.getCount() == 0);
            assertThat(Duration.ofNanos(System.nanoTime() - recovered)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldBackTheOthersAndNeverRunsTwiceAtOnce() {
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slowInFlight = new AtomicInteger();
        AtomicInteger slowMaxInFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 20)) {
            scheduler.add("slow", () -> {
                slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowInFlight.decrementAndGet();
                return Outcome.ok(Duration.ofMillis(1));
            });
            scheduler.add("fast", () -> {
                fast.incrementAndGet();
                return Outcome.ok(Duration.ofMillis(1));
            });

            Await.until(Duration.ofSeconds(10), "the fast endpoint to refresh repeatedly", () -> fast.get() >= 5);
            scheduler.refreshNow();
            scheduler.refreshNow();

            assertThat(slowMaxInFlight.get()).isEqualTo(1);
            assertThat(scheduler.inFlight()).isLessThanOrEqualTo(2);
            release.countDown();
        }
    }
}
