package io.promdeck.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times, ages and numbers read in the console. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** "3d 4h", "12m", "42s". */
    public static String age(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long s = Math.max(0, duration.getSeconds());
        if (s >= 86_400) {
            return (s / 86_400) + "d " + (s % 86_400) / 3600 + "h";
        }
        if (s >= 3600) {
            return (s / 3600) + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return s + "s";
    }

    public static String since(Instant then, Instant now) {
        return then == null ? "—" : age(Duration.between(then, now)) + " ago";
    }

    public static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
        }
        return Long.toString(n);
    }

    public static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "—" : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
