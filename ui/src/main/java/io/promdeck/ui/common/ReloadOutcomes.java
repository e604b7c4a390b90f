package io.promdeck.ui.common;

import io.promdeck.app.http.ReloadResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a reload's outcome reads: in a panel's Result cell and in the audit log. */
public final class ReloadOutcomes {

    private ReloadOutcomes() {
    }

    /** The Result cell of a replica or peer: "" before any reload. */
    public static String cell(ReloadResult r) {
        return r == null ? "" : r.succeeded() ? "Reloaded and confirmed in " + r.elapsed().toMillis() + " ms" : r.message();
    }

    public static String sentence(ReloadResult r) {
        return switch (r.outcome()) {
            case RELOADED -> "reloaded and confirmed in " + r.elapsed().toMillis() + " ms";
            case REJECTED -> "refused: " + r.message();
            case NOT_DELIVERED -> "not delivered: " + r.message();
            case UNCONFIRMED -> "not confirmed: " + r.message();
        };
    }

    /** "2 of 3 reloaded". */
    public static String summary(Map<String, ReloadResult> results) {
        long ok = results.values().stream().filter(ReloadResult::succeeded).count();
        return ok + " of " + results.size() + " reloaded";
    }

    public static Map<String, String> details(Map<String, ReloadResult> results) {
        Map<String, String> out = new LinkedHashMap<>();
        results.forEach((name, r) -> out.put(name, sentence(r)));
        return out;
    }
}
