package io.promdeck.ui.replicas;

import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.live.Freshness;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.PodState;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.common.FreshnessText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the replica rows from the stack state and the pods; pure, so it is tested without JavaFX. */
final class ReplicaRows {

    private ReplicaRows() {
    }

    static List<ReplicaRow> build(StackState state, NamespaceSnapshot pods, Map<String, ReloadResult> reloads,
            Map<String, List<Double>> history, Instant now) {
        List<ReplicaRow> rows = new ArrayList<>();
        String label = state.replicaLabel().known() ? state.replicaLabel().name() : null;
        for (Snapshot<ReplicaStatus> snapshot : state.replicas().values()) {
            // Replicas are compared within their HA group: two data centres' pairs run different configurations.
            java.util.Set<String> group = groupOf(state, snapshot.endpoint());
            String majority = majorityHash(state, group);
            boolean groupDiffers = hashes(state, group).size() > 1;
            Optional<ReplicaStatus> status = snapshot.value();
            Optional<PodState> pod = pods == null ? Optional.empty() : pods.pod(snapshot.endpoint());
            ReloadResult reload = reloads.get(snapshot.endpoint());
            String hash = status.map(s -> hash(s, label).substring(0, 12)).orElse("—");
            // Unlike the majority of its group; or, with no majority (two replicas that disagree), every one of them.
            boolean differs = groupDiffers && status.isPresent() && (majority == null || !hash(status.get(), label).equals(majority));
            rows.add(new ReplicaRow(
                    snapshot.endpoint(),
                    pod.map(p -> p.ready() ? "ready" : "not ready").orElse("—"),
                    pod.map(PodState::node).orElse("—"),
                    pod.map(p -> Integer.toString(p.restarts())).orElse("—"),
                    status.map(ReplicaStatus::version).orElse("—"),
                    status.map(s -> Formats.age(Duration.between(s.startTime(), now))).orElse("—"),
                    status.map(s -> s.reloadSuccess() ? "succeeded" : "FAILED").orElse("—"),
                    status.map(s -> Formats.time(s.lastConfigTime())).orElse("—"),
                    hash + (differs ? " ≠" : ""),
                    differs,
                    status.map(s -> s.targetsUp() + "/" + s.targetsTotal()).orElse("—"),
                    status.map(s -> Formats.count(s.headSeries())).orElse("—"),
                    history.getOrDefault(snapshot.endpoint(), List.of()),
                    FreshnessText.of(snapshot, now),
                    snapshot.error().map(e -> e.summary()).orElse(""),
                    io.promdeck.ui.common.ReloadOutcomes.cell(reload),
                    reload != null && !reload.succeeded(),
                    FreshnessText.old(snapshot),
                    snapshot.failure(),
                    roleText(state, snapshot.endpoint())));
        }
        rows.sort(java.util.Comparator.comparing(ReplicaRow::name));
        return rows;
    }

    /** The configuration's hash apart from the replica label (apart from all external labels while it is unknown). */
    static String hash(ReplicaStatus status, String replicaLabel) {
        return replicaLabel == null ? status.config().hashWithoutExternalLabels() : status.configHash(replicaLabel);
    }

    /** "replica", "replica · dc1", "global", "agent": what a Prometheus is in its stack. */
    static String roleText(StackState state, String name) {
        String role = state.shape().role(name).name().toLowerCase(java.util.Locale.ROOT);
        String group = state.shape().group(name);
        return group.isEmpty() ? role : role + " · " + group;
    }

    /** The Prometheus a replica is compared with: its HA group's replicas; a global, agent, receiver or reader alone. */
    static java.util.Set<String> groupOf(StackState state, String name) {
        if (state.shape().role(name) != io.promdeck.app.live.PrometheusRole.REPLICA) {
            return java.util.Set.of(name);
        }
        java.util.Set<String> group = new java.util.HashSet<>();
        for (String other : state.replicas().keySet()) {
            if (state.shape().role(other) == io.promdeck.app.live.PrometheusRole.REPLICA && state.shape().group(other).equals(state.shape().group(name))) {
                group.add(other);
            }
        }
        return group;
    }

    /** The hash most of {@code members} run; null when they all agree, none answered, or no hash is run by more than any other. */
    static String majorityHash(StackState state, java.util.Set<String> members) {
        Map<String, Integer> counts = hashes(state, members);
        if (counts.size() < 2) {
            return null;
        }
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> top = counts.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
        return top.size() == 1 ? top.get(0) : null;
    }

    /** How many of {@code members} run each configuration hash (fresh or stale values). */
    static Map<String, Integer> hashes(StackState state, java.util.Set<String> members) {
        String label = state.replicaLabel().known() ? state.replicaLabel().name() : null;
        Map<String, Integer> counts = new HashMap<>();
        state.replicas().forEach((name, s) -> {
            if (members.contains(name) && (s.freshness() == Freshness.OK || s.freshness() == Freshness.STALE)) {
                s.value().ifPresent(v -> counts.merge(hash(v, label), 1, Integer::sum));
            }
        });
        return counts;
    }
}
