package io.promdeck.ui.overview;

import io.promdeck.app.live.StackState;
import java.time.Instant;

/** Test access to the overview's pure lines. */
public final class OverviewTestAccess {

    private OverviewTestAccess() {
    }

    public static String alertsLine(StackState state, Instant now) {
        return OverviewViewModel.alerts(state, now);
    }
}
