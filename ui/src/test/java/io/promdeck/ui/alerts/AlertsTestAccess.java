package io.promdeck.ui.alerts;

import io.promdeck.app.http.UnreadableItem;
import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.List;

/** Test access to the alerts panel's pure row building. */
public final class AlertsTestAccess {

    private AlertsTestAccess() {
    }

    public record Built(List<AlertRow> rows, String coverageSentence, List<String> heldBy, List<UnreadableItem> unreadable) {
    }

    public static Built build(StackState state, Instant now) {
        AlertsViewModel.Built built = AlertsViewModel.build(state, now);
        return new Built(built.rows(), built.coverage().sentence(), built.rows().stream().map(AlertRow::held).toList(), built.unreadable());
    }
}
