package io.promdeck.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Two readings of a component's own {@code /metrics}, the latest and the one before it, so counters give rates
 * ("failing now") as well as totals ("since the process started"). A restart (another
 * {@code process_start_time_seconds}) starts a new window: counters of two processes are never subtracted.
 */
public record MetricsWindow(MetricsText current, Instant currentAt, Optional<MetricsText> previous, Instant previousAt) {

    private static final String START = "process_start_time_seconds";

    public static MetricsWindow first(MetricsText reading, Instant at) {
        return new MetricsWindow(reading, at, Optional.empty(), null);
    }

    /** The window after another reading. */
    public MetricsWindow next(MetricsText reading, Instant at) {
        boolean sameProcess = reading.value(START).equals(current.value(START)) && reading.value(START).isPresent();
        if (!sameProcess || !at.isAfter(currentAt)) {
            return first(reading, at);
        }
        return new MetricsWindow(reading, at, Optional.of(current), currentAt);
    }

    /** How much time the two readings span; zero with one reading. */
    public Duration span() {
        return previous.isEmpty() ? Duration.ZERO : Duration.between(previousAt, currentAt);
    }

    /** The sum of the matching samples now. */
    public double total(String name, Map<String, String> match) {
        return current.sum(name, match);
    }

    public double total(String name) {
        return total(name, Map.of());
    }

    /** Per second between the two readings; empty with one reading, or when the counter went down. */
    public OptionalDouble rate(String name, Map<String, String> match) {
        if (previous.isEmpty()) {
            return OptionalDouble.empty();
        }
        double seconds = span().toMillis() / 1000.0;
        double delta = current.sum(name, match) - previous.get().sum(name, match);
        if (seconds <= 0 || delta < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(delta / seconds);
    }

    public OptionalDouble rate(String name) {
        return rate(name, Map.of());
    }

    /** How the increase reads in a sentence: "3 in the last 15 s", or "12 since the process started". */
    public String increaseText(String name, Map<String, String> match) {
        if (previous.isPresent()) {
            double delta = Math.max(0, current.sum(name, match) - previous.get().sum(name, match));
            return format(delta) + " in the last " + io.promdeck.app.http.Durations.words(span());
        }
        return format(current.sum(name, match)) + " since the process started";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
