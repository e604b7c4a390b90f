package io.promdeck.app.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus' duration syntax (1y2w3d4h5m6s7ms, units in that order), as rules, configuration and PromQL use it. */
public final class PromDuration {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private PromDuration() {
    }

    /** A Prometheus duration ("1h30m", "5m", "90s") in milliseconds; -1 when it is not one. */
    public static long millis(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        long[] unit = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};
        long total = 0;
        boolean any = false;
        try {
            for (int i = 0; i < unit.length; i++) {
                String g = m.group(i + 1);
                if (g != null) {
                    any = true;
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), unit[i]));
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return -1; // more milliseconds than a long holds: not a duration Prometheus accepts either
        }
        return any ? total : -1;
    }
}
