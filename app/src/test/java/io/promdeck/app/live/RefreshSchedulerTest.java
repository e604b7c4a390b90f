package io.promdeck.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    void intervalIsTheFloorOrTenTimesTheLastResponse() {
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 5_000)) {
            assertThat(scheduler.intervalMillis(Duration.ofMillis(100))).isEqualTo(5_000);
            assertThat(scheduler.intervalMillis(Duration.ofMillis(2_000))).isEqualTo(20_000);
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldBackTheOthersAndNeverRunsTwiceAtOnce() {
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slowInFlight = new AtomicInteger();
        AtomicInteger slowMaxInFlight = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (RefreshScheduler scheduler = new RefreshScheduler(timer, workers, () -> 20)) {
            scheduler.add("slow", () -> {
                slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowInFlight.decrementAndGet();
                return Duration.ofMillis(1);
            });
            scheduler.add("fast", () -> {
                fast.incrementAndGet();
                return Duration.ofMillis(1);
            });

            Await.until(Duration.ofSeconds(10), "the fast endpoint to refresh repeatedly", () -> fast.get() >= 5);
            scheduler.refreshNow();
            scheduler.refreshNow();

            assertThat(slowMaxInFlight.get()).isEqualTo(1);
            release.countDown();
        }
    }
}
