package io.promdeck.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertState;
import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.UnreadableItem;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.alerts.AlertsTestAccess;
import io.promdeck.ui.overview.OverviewTestAccess;
import io.promdeck.ui.replicas.ReplicaTestAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the console says when calls fail, without the FX toolkit: never a confident "0", "No alerts" or "Connected"
 * built on a failed call.
 */
class FreshnessViewModelsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(125);
    private static final CallError TIMEOUT = new CallError.Timeout("am", Duration.ofSeconds(10));

    private static Alert alert(String name) {
        return new Alert("fp-" + name, Map.of("alertname", name), Map.of(), AlertState.ACTIVE, List.of(), List.of(), T0, null, T0, "", List.of());
    }

    private static AlertmanagerStatus status(String self) {
        return new AlertmanagerStatus(self, ClusterState.READY, List.of(), "0.25.0", "go1.19.8", "", "h", T0);
    }

    private static <T> Snapshot<T> failing(String endpoint, Snapshot<T> before) {
        return before.next(NOW, CallResult.failed(TIMEOUT, Duration.ofSeconds(10)));
    }

    private static <T> Snapshot<T> neverAnswered(String endpoint) {
        return Snapshot.<T>pending(endpoint, T0).next(NOW, CallResult.failed(TIMEOUT, Duration.ofSeconds(10)));
    }

    /** Statuses answer, the alerts call of every peer times out: the picture. */
    private static StackState alertsTimingOut(boolean answeredBefore) {
        StackState state = StackState.empty(2, 3);
        for (int i = 0; i < 3; i++) {
            String peer = "alertmanager-" + i;
            state = state.withPeer(Snapshot.of(peer, NOW, status(peer)));
            Snapshot<Listing<Alert>> alerts = answeredBefore
                    ? failing(peer, Snapshot.of(peer, T0, Listing.of(List.of(alert("DiskFull"), alert("HighLoad")))))
                    : neverAnswered(peer);
            state = state.withAlerts(alerts);
        }
        return state;
    }

    @Test
    void alertsThatTimedOutEverywhereAreUnknownNotZero() {
        StackState state = alertsTimingOut(false);

        assertThat(OverviewTestAccess.alertsLine(state, NOW)).isEqualTo("✗ Alerts: unknown — all 3 peers timed out after 10 s");
        AlertsTestAccess.Built built = AlertsTestAccess.build(state, NOW);
        assertThat(built.rows()).isEmpty();
        assertThat(built.coverageSentence()).isEqualTo("alerts unknown: all 3 peers timed out after 10 s");
        ConnectionHealth health = ConnectionHealth.of(state, NOW);
        assertThat(health.level()).isEqualTo(ConnectionHealth.Level.DEGRADED);
        assertThat(health.reason()).contains("alerts unknown: all 3 peers timed out after 10 s");
    }

    @Test
    void alertsLastReadBeforeTheTimeoutsAreShownWithTheirAge() {
        StackState state = alertsTimingOut(true);

        assertThat(OverviewTestAccess.alertsLine(state, NOW)).isEqualTo("⚠ Alerts: 2 — alerts as of 2 min ago: all 3 peers timed out after 10 s");
        AlertsTestAccess.Built built = AlertsTestAccess.build(state, NOW);
        assertThat(built.rows()).hasSize(2);
        assertThat(built.heldBy()).containsOnly("3/3");
    }

    @Test
    void heldByCountsOnlyThePeersThatAnsweredNow() {
        StackState state = StackState.empty(2, 3);
        for (int i = 0; i < 3; i++) {
            String peer = "alertmanager-" + i;
            Snapshot<Listing<Alert>> answered = Snapshot.of(peer, T0, Listing.of(List.of(alert("DiskFull"))));
            state = state.withAlerts(i == 2 ? failing(peer, answered) : answered.next(NOW, CallResult.ok(answered.value().get(), Duration.ZERO)));
        }

        AlertsTestAccess.Built built = AlertsTestAccess.build(state, NOW);

        assertThat(built.heldBy()).containsExactly("2/2");
        assertThat(built.coverageSentence()).isEqualTo("alerts from 2 of 3 peers; alertmanager-2 timed out after 10 s");
    }

    @Test
    void anUnreadableItemIsKeptWithItsTextWhileTheOthersCount() {
        StackState state = StackState.empty(2, 1).withAlerts(Snapshot.of("alertmanager-0", NOW,
                new Listing<>(List.of(alert("DiskFull")), List.of(new UnreadableItem("alert", "x", "'labels.a' is not a string", "{\"labels\":{\"a\":1}}")))));

        AlertsTestAccess.Built built = AlertsTestAccess.build(state, NOW);

        assertThat(built.rows()).hasSize(1);
        assertThat(built.unreadable()).singleElement().satisfies(i -> assertThat(i.raw()).isEqualTo("{\"labels\":{\"a\":1}}"));
    }

    @Test
    void connectedOnlyWhenEveryKindOfCallAnswers() {
        StackState healthy = StackState.empty(0, 1).withPeer(Snapshot.of("alertmanager-0", NOW, status("a")))
                .withAlerts(Snapshot.of("alertmanager-0", NOW, Listing.of(List.of())));
        assertThat(ConnectionHealth.of(healthy, NOW).level()).isEqualTo(ConnectionHealth.Level.CONNECTED);

        StackState silencesDown = healthy.withSilences(neverAnswered("alertmanager-0"));
        assertThat(ConnectionHealth.of(silencesDown, NOW).level()).isEqualTo(ConnectionHealth.Level.DEGRADED);
        assertThat(ConnectionHealth.of(silencesDown, NOW).reason()).contains("silences unknown: alertmanager-0 timed out after 10 s");
    }

    @Test
    void aStaleReplicaRowKeepsItsValuesMarkedWithTheirAge() {
        ReplicaStatus status = io.promdeck.testing.StackStates.replica(Map.of("replica", "a"), "replica", T0);
        Snapshot<ReplicaStatus> stale = failing("prometheus-0", Snapshot.of("prometheus-0", T0, status));

        var row = ReplicaTestAccess.row(StackState.empty(1, 0).withReplica(stale), NOW);

        assertThat(row.freshness()).isEqualTo("stale · as of 2m 5s ago");
        assertThat(row.old()).isTrue();
        assertThat(row.targets()).isEqualTo("2/2");
        assertThat(row.failure()).get().satisfies(f -> assertThat(f.details()).contains("Waited: 10000 ms"));
    }
}
