package io.promdeck.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.Listing;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.testing.StackStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Overview's model without the FX toolkit: headline, the picture's nodes and lines coloured by the diagnosis. */
class OverviewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<AlertmanagerStatus.Peer> MESH = List.of(new AlertmanagerStatus.Peer("A", "a:9094"),
            new AlertmanagerStatus.Peer("B", "b:9094"), new AlertmanagerStatus.Peer("C", "c:9094"));

    private static StackState healthy() {
        StackState state = StackState.empty(2, 3);
        for (int i = 0; i < 2; i++) {
            String name = "prometheus-" + i;
            state = state.withReplica(Snapshot.of(name, NOW, StackStates.replica(Map.of("replica", name), "replica", NOW)))
                    .withDetails(d -> d.withReplica(Snapshot.of(name, NOW, new io.promdeck.app.live.ReplicaDetails(
                            new io.promdeck.app.prometheus.DiscoveredAlertmanagers(List.of("http://a:9093/", "http://b:9093/", "http://c:9093/"),
                                    List.of()), List.of()))));
        }
        for (int i = 0; i < 3; i++) {
            String name = "alertmanager-" + i;
            state = state.withPeer(Snapshot.of(name, NOW, StackStates.peer(String.valueOf((char) ('A' + i)), MESH, "0123456789abcdef", NOW)))
                    .withSilences(Snapshot.of(name, NOW, Listing.of(List.of())))
                    .withAlerts(Snapshot.of(name, NOW, Listing.of(List.of())))
                    .withDetails(d -> d.withPeerMetrics(Snapshot.of(name, NOW, StackStates.metrics("", NOW))));
        }
        return state;
    }

    @Test
    void aHealthyStackSaysSoAndEveryBoxIsGreen() {
        OverviewViewModel.Model model = OverviewViewModel.build(healthy(), NOW);

        assertThat(model.verdict()).isEqualTo(Verdict.OK);
        assertThat(model.headline()).matches("Highly available: all \\d+ checks pass");
        assertThat(model.picture().nodes()).extracting(Picture.Node::id).contains("prometheus/prometheus-0", "prometheus/prometheus-1",
                "alertmanager/alertmanager-0", "alertmanager/alertmanager-1", "alertmanager/alertmanager-2").noneMatch(id -> id.startsWith("thanos/"));
        assertThat(model.picture().nodes()).allSatisfy(n -> assertThat(n.verdict()).isEqualTo(Verdict.OK));
        assertThat(model.picture().edges()).filteredOn(e -> e.from().startsWith("alertmanager/")).hasSize(3)
                .allSatisfy(e -> assertThat(e.broken()).isFalse());
        assertThat(model.alerts()).isEqualTo("✓ Alerts: 0 (deduplicated across 3 peers)");
    }

    @Test
    void peersReachedThroughAProxyAreNotDrawnAsUnreachedByTheReplicas() {
        StackState h = healthy();
        StackState proxied = new StackState(h.replicas(), h.peers(), h.alerts(), h.silences(), h.stores(), h.details(),
                new io.promdeck.app.live.StackShape(h.shape().expected(), java.util.Optional.empty(), Map.of("alertmanager-0", "127.0.0.1:41001",
                        "alertmanager-1", "127.0.0.1:41002", "alertmanager-2", "127.0.0.1:41003")));

        OverviewViewModel.Model model = OverviewViewModel.build(proxied, NOW);

        assertThat(model.verdict()).as(model.headline()).isEqualTo(Verdict.OK);
        assertThat(model.picture().edges()).filteredOn(e -> e.from().startsWith("prometheus/")).hasSize(6)
                .allSatisfy(e -> assertThat(e.broken()).as(e.toString()).isFalse());
    }

    @Test
    void aVanishedPeerIsRedInThePictureAndNamedInTheHeadline() {
        StackState state = healthy();
        for (int i = 0; i < 2; i++) {
            state = state.withPeer(Snapshot.of("alertmanager-" + i, NOW, StackStates.peer(String.valueOf((char) ('A' + i)), MESH.subList(0, 2),
                    "0123456789abcdef", NOW)));
        }
        state = state.withPeer(state.peers().get("alertmanager-2").next(NOW, CallResult.failed(new CallError.Unreachable("am-2", "refused"),
                Duration.ZERO)));

        OverviewViewModel.Model model = OverviewViewModel.build(state, NOW);

        assertThat(model.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(model.headline()).startsWith("Not highly available — 1 failure").contains("peer does not answer");
        assertThat(model.picture().node("alertmanager/alertmanager-2").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(model.picture().node("alertmanager/alertmanager-2").orElseThrow().caption()).isEqualTo("not answering");
        assertThat(model.picture().edges()).filteredOn(e -> e.to().equals("alertmanager/alertmanager-2") && e.from().startsWith("alertmanager/"))
                .allSatisfy(e -> assertThat(e.broken()).isTrue());
        assertThat(model.picture().node("prometheus/prometheus-0").orElseThrow().verdict()).isEqualTo(Verdict.OK);
    }
}
