package io.promdeck.ui.silences;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.alertmanager.SilenceState;
import io.promdeck.app.http.Listing;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The silences panel builds its rows again only when what they are built from changed. No FX toolkit. */
class SilencesInputsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static Listing<Silence> silences(String id) {
        return Listing.of(List.of(new Silence(id, List.of(Matcher.equal("alertname", "X")), NOW.minusSeconds(60), NOW.plusSeconds(3600),
                NOW.minusSeconds(60), "alice", "c", SilenceState.ACTIVE)));
    }

    @Test
    void aStatusRefreshIsTheSameInputsANewListingIsNot() {
        StackState state = StackState.empty(1, 2);
        for (int i = 0; i < 2; i++) {
            state = state.withSilences(Snapshot.of("alertmanager-" + i, NOW, silences("s1")))
                    .withAlerts(Snapshot.of("alertmanager-" + i, NOW, Listing.of(List.of())));
        }
        SilencesViewModel.Inputs first = SilencesViewModel.Inputs.of(state, NOW);

        // A replica's status arrived: the silence and alert listings are the same objects.
        StackState statusOnly = state.withReplica(Snapshot.pending("prometheus-0", NOW));
        assertThat(SilencesViewModel.Inputs.of(statusOnly, NOW).sameAs(first)).isTrue();

        // A peer answered again with equal content: a new listing, so the rows are built again (never judged stale).
        StackState again = state.withSilences(Snapshot.of("alertmanager-1", NOW.plusSeconds(5), silences("s1")));
        assertThat(SilencesViewModel.Inputs.of(again, NOW.plusSeconds(5)).sameAs(first)).isFalse();

        // A peer failed: the coverage changes even though no listing is new.
        StackState failed = state.withSilences(state.silences().get("alertmanager-1").next(NOW.plusSeconds(5),
                io.promdeck.app.http.CallResult.failed(new io.promdeck.app.http.CallError.Unreachable("alertmanager-1", "connection refused"),
                        java.time.Duration.ZERO)));
        assertThat(SilencesViewModel.Inputs.of(failed, NOW.plusSeconds(5)).sameAs(first)).isFalse();
        assertThat(first.sameAs(null)).isFalse();
    }
}
