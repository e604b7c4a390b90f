package io.promdeck.app.live;

import io.promdeck.app.http.CallError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What may honestly be said about data that several endpoints each hold a copy of (every Alertmanager peer holds all
 * alerts and, through gossip, all silences): which endpoints' fresh answers it is built from, or that it is old, or
 * unknown, and why — as a sentence for the panel that shows it.
 *
 * @param used     the endpoints whose values make up the data (fresh ones; the stale ones when none is fresh)
 * @param asOf     when the oldest value used was read; null when nothing is used
 * @param sentence "alerts from 2 of 3 peers; alertmanager-1 timed out after 10 s", "alerts unknown: all 3 peers timed
 *                 out after 10 s", ... empty when complete
 */
public record Coverage(Kind kind, List<String> used, int expected, Instant asOf, String sentence) {

    public enum Kind {
        /** Every expected endpoint answered the latest refresh. */
        COMPLETE,
        /** Some answered the latest refresh; the data is theirs. */
        PARTIAL,
        /** None answered the latest refresh; the data is the last known, with its age. */
        STALE,
        /** Nothing can be said: every endpoint failed and none ever answered. */
        UNKNOWN,
        /** No answer yet. */
        PENDING
    }

    public Coverage {
        used = List.copyOf(used);
    }

    /** Whether there is data to show (fresh, partial or stale; stale must be shown with its age). */
    public boolean known() {
        return kind == Kind.COMPLETE || kind == Kind.PARTIAL || kind == Kind.STALE;
    }

    /**
     * @param what      the data, plural, for sentences: "alerts"
     * @param endpoints the word for the endpoints: "peers"
     */
    public static Coverage of(String what, String endpoints, Map<String, ? extends Snapshot<?>> snapshots, int expected, Instant now) {
        int total = Math.max(expected, snapshots.size());
        List<String> fresh = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<Snapshot<?>> failing = new ArrayList<>();
        for (Snapshot<?> s : snapshots.values()) {
            switch (s.freshness()) {
                case OK -> fresh.add(s.endpoint());
                case STALE -> {
                    stale.add(s.endpoint());
                    failing.add(s);
                }
                case ERROR -> failing.add(s);
                case PENDING -> { }
            }
        }
        if (!fresh.isEmpty()) {
            Instant asOf = oldest(snapshots, fresh);
            if (fresh.size() >= total) {
                return new Coverage(Kind.COMPLETE, fresh, total, asOf, "");
            }
            String missing = failing.isEmpty() ? (total - fresh.size()) + " not answered yet" : failures(failing, endpoints, false);
            return new Coverage(Kind.PARTIAL, fresh, total, asOf, what + " from " + fresh.size() + " of " + total + " " + endpoints
                    + "; " + missing);
        }
        if (!stale.isEmpty()) {
            Instant asOf = oldest(snapshots, stale);
            return new Coverage(Kind.STALE, stale, total, asOf, what + " as of " + ago(asOf, now) + ": " + failures(failing, endpoints, true));
        }
        if (failing.isEmpty()) {
            return new Coverage(Kind.PENDING, List.of(), total, null, what + ": waiting for the first answer");
        }
        return new Coverage(Kind.UNKNOWN, List.of(), total, null, what + " unknown: " + failures(failing, endpoints, true));
    }

    private static Instant oldest(Map<String, ? extends Snapshot<?>> snapshots, List<String> names) {
        Instant oldest = null;
        for (String name : names) {
            Instant at = snapshots.get(name).valueAt();
            if (at != null && (oldest == null || at.isBefore(oldest))) {
                oldest = at;
            }
        }
        return oldest;
    }

    /** "all 3 peers timed out after 10 s" when they fail alike, else "alertmanager-0 timed out …; alertmanager-1 …". */
    static String failures(List<Snapshot<?>> failing, String endpoints, boolean allOfThem) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Snapshot<?> s : failing) {
            reasons.add(s.error().map(CallError::problem).orElse("no answer"));
        }
        if (reasons.size() == 1 && failing.size() > 1) {
            return (allOfThem ? "all " : "") + failing.size() + " " + endpoints + " " + reasons.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        for (Snapshot<?> s : failing) {
            parts.add(s.endpoint() + " " + s.error().map(CallError::problem).orElse("no answer"));
        }
        return String.join("; ", parts);
    }

    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min ago";
    }
}
