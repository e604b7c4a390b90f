package io.promdeck.ui.silences;

import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.ui.common.Formats;

/** One silence as the table shows it. */
public record SilenceRow(Silence silence, String state, String matchers, String createdBy, String comment, String ends) {

    static SilenceRow of(Silence s) {
        return new SilenceRow(s, s.state().name().toLowerCase(java.util.Locale.ROOT), Matchers.print(s.matchers()), s.createdBy(),
                s.comment(), Formats.time(s.endsAt()));
    }
}
