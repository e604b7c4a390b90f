package io.promdeck.ui.silences;

import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.ui.common.Formats;

/** One silence as the table shows it. */
public record SilenceRow(Silence silence, String state, String matchers, String createdBy, String comment, String ends, String matching) {

    static SilenceRow of(Silence s) {
        return of(s, null);
    }

    /** @param alerts the alerts now, or null when they are not known (the count then says "—", never 0) */
    static SilenceRow of(Silence s, io.promdeck.app.alertmanager.AlertIndex alerts) {
        String matching = alerts == null ? "—" : Long.toString(alerts.count(s.matchers()));
        return new SilenceRow(s, s.state().name().toLowerCase(java.util.Locale.ROOT), Matchers.print(s.matchers()), s.createdBy(),
                s.comment(), Formats.time(s.endsAt()), matching);
    }

    /** Whether the row holds {@code text} in its matchers, comment, author or state (case-insensitive). */
    boolean contains(String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return (matchers + "\n" + comment + "\n" + createdBy + "\n" + state).toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
