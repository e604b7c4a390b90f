package io.promdeck.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertState;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.http.Listing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every consumer of one state gets one merge; a new listing from any peer makes a new one. */
class MergedAlertsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    private static Alert alert(String fingerprint) {
        return new Alert(fingerprint, Map.of("alertname", "A" + fingerprint), Map.of(), AlertState.ACTIVE, List.of(), List.of(),
                Instant.EPOCH, null, null, "", List.of("r"));
    }

    private static Snapshot<Listing<Alert>> listing(String peer, Alert... alerts) {
        return Snapshot.of(peer, NOW, new Listing<>(List.of(alerts), List.of()));
    }

    private static StackState state() {
        return StackState.empty(2, 2).withAlerts(listing("am-0", alert("f1"), alert("f2"))).withAlerts(listing("am-1", alert("f2"), alert("f3")));
    }

    @Test
    void theSameListingsGiveTheSameMergeAcrossConsumersAndStates() {
        StackState state = state();
        List<DedupedAlert> first = state.dedupedAlerts(NOW);
        assertThat(first).extracting(d -> d.alert().fingerprint()).containsExactly("f1", "f2", "f3");
        assertThat(state.dedupedAlerts(NOW)).isSameAs(first);
        // A state made by another endpoint's snapshot (a replica, a peer's status) keeps the alert listings: same merge.
        StackState later = state.withStores(Snapshot.pending("thanos-query", NOW));
        assertThat(later.dedupedAlerts(NOW)).isSameAs(first);
        assertThatThrownBy(() -> first.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNewListingFromOnePeerOrFewerPeersMakeANewMerge() {
        StackState state = state();
        List<DedupedAlert> first = state.dedupedAlerts(NOW);
        StackState changed = state.withAlerts(listing("am-1", alert("f2"), alert("f4")));
        assertThat(changed.dedupedAlerts(NOW)).isNotSameAs(first).extracting(d -> d.alert().fingerprint()).containsExactly("f1", "f2", "f4");
        Coverage onlyFirst = new Coverage(Coverage.Kind.PARTIAL, List.of("am-0"), 2, NOW, "1 of 2 peers");
        assertThat(changed.dedupedAlerts(onlyFirst)).extracting(d -> d.alert().fingerprint()).containsExactly("f1", "f2");
        // Back to the first state's listings: merged again, equal to the first merge.
        assertThat(state.dedupedAlerts(NOW)).isEqualTo(first);
    }
}
