package io.promdeck.ui.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.live.PrometheusRole;
import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackShape;
import io.promdeck.app.live.StackState;
import io.promdeck.testing.StackStates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** In a federated stack each data centre's pair runs its own configuration: only replicas unlike their own pair are flagged. */
class ReplicaGroupsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void configsAreComparedWithinEachGroupAndRolesAreShown() {
        StackShape shape = new StackShape(Map.of(Component.PROMETHEUS, 5, Component.ALERTMANAGER, 3),
                Optional.of(ReplicaLabel.given("replica", ReplicaLabel.Source.SANDBOX)), Map.of(),
                Map.of("dc1-0", "dc1", "dc1-1", "dc1", "dc2-0", "dc2", "dc2-1", "dc2"), Map.of("global", PrometheusRole.GLOBAL));
        StackState state = StackState.empty(shape);
        for (String name : List.of("dc1-0", "dc1-1", "dc2-0", "dc2-1", "global")) {
            String dc = name.startsWith("global") ? "global" : name.substring(0, 3);
            // dc2-1 carries a dc label of dc1: its config differs from its own pair's.
            String label = name.equals("dc2-1") ? "dc1" : dc;
            state = state.withReplica(Snapshot.of(name, NOW, StackStates.replica(Map.of("replica", name, "dc", label), "replica", NOW)));
        }

        List<ReplicaRow> rows = ReplicaRows.build(state, null, Map.of(), Map.of(), NOW);

        assertThat(rows).extracting(ReplicaRow::name, ReplicaRow::role, ReplicaRow::hashDiffers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dc1-0", "replica · dc1", false),
                org.assertj.core.groups.Tuple.tuple("dc1-1", "replica · dc1", false),
                org.assertj.core.groups.Tuple.tuple("dc2-0", "replica · dc2", true),
                org.assertj.core.groups.Tuple.tuple("dc2-1", "replica · dc2", true),
                org.assertj.core.groups.Tuple.tuple("global", "global", false));
        // Two replicas that disagree have no majority: both are flagged, neither is taken for the right one.
        assertThat(ReplicaRows.majorityHash(state, java.util.Set.of("dc2-0", "dc2-1"))).isNull();
        assertThat(ReplicaRows.majorityHash(state, java.util.Set.of("dc1-0", "dc1-1"))).as("they agree").isNull();
        assertThat(ReplicaRows.groupOf(state, "dc2-0")).containsExactlyInAnyOrder("dc2-0", "dc2-1");
        assertThat(ReplicaRows.groupOf(state, "global")).containsExactly("global");
    }

    @Test
    void aThreeReplicaGroupFlagsTheOddOneOut() {
        StackShape shape = new StackShape(Map.of(Component.PROMETHEUS, 4), Optional.of(ReplicaLabel.given("replica", ReplicaLabel.Source.SANDBOX)),
                Map.of(), Map.of("a", "g", "b", "g", "c", "g", "other", "h"), Map.of());
        StackState state = StackState.empty(shape);
        for (String name : List.of("a", "b", "c", "other")) {
            String zone = name.equals("c") || name.equals("other") ? "z2" : "z1";
            state = state.withReplica(Snapshot.of(name, NOW, StackStates.replica(Map.of("replica", name, "zone", zone), "replica", NOW)));
        }

        List<ReplicaRow> rows = ReplicaRows.build(state, null, Map.of(), Map.of(), NOW);

        assertThat(rows).filteredOn(ReplicaRow::hashDiffers).extracting(ReplicaRow::name).containsExactly("c");
    }
}
