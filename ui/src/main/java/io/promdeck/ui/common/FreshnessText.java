package io.promdeck.ui.common;

import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.Snapshot;
import java.time.Instant;

/** How the console says how current a value is: "live", "stale · as of 2m 5s ago", "failed", "waiting". */
public final class FreshnessText {

    private FreshnessText() {
    }

    public static String of(Snapshot<?> snapshot, Instant now) {
        return switch (snapshot.freshness()) {
            case OK -> "live";
            case STALE -> "stale · as of " + Formats.since(snapshot.valueAt(), now);
            case ERROR -> "failed";
            case PENDING -> "waiting";
        };
    }

    /** Whether the row's values are not from the latest refresh (the view shows them muted). */
    public static boolean old(Snapshot<?> snapshot) {
        return snapshot.freshness() == io.promdeck.app.live.Freshness.STALE;
    }

    /** "3s ago", "3s ago (2 of 3)", "as of 2m ago ⚠", "unknown ⚠", "—" for a status bar item. */
    public static String brief(Coverage coverage, Instant now) {
        return switch (coverage.kind()) {
            case COMPLETE -> Formats.since(coverage.asOf(), now);
            case PARTIAL -> Formats.since(coverage.asOf(), now) + " (" + coverage.used().size() + " of " + coverage.expected() + ")";
            case STALE -> "as of " + Formats.since(coverage.asOf(), now) + " ⚠";
            case UNKNOWN -> "unknown ⚠";
            case PENDING -> "—";
        };
    }
}
