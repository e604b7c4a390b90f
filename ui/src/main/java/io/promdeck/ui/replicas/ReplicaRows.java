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
        String majority = majorityHash(state);
        String label = state.replicaLabel().known() ? state.replicaLabel().name() : null;
        for (Snapshot<ReplicaStatus> snapshot : state.replicas().values()) {
            Optional<ReplicaStatus> status = snapshot.value();
            Optional<PodState> pod = pods == null ? Optional.empty() : pods.pod(snapshot.endpoint());
            ReloadResult reload = reloads.get(snapshot.endpoint());
            String hash = status.map(s -> hash(s, label).substring(0, 12)).orElse("—");
            boolean differs = majority != null && status.isPresent() && !hash(status.get(), label).equals(majority);
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
                    reload == null ? "" : reload.succeeded() ? "Reloaded and confirmed in " + reload.elapsed().toMillis() + " ms"
                            : reload.message(),
                    reload != null && !reload.succeeded(),
                    FreshnessText.old(snapshot),
                    snapshot.failure()));
        }
        rows.sort(java.util.Comparator.comparing(ReplicaRow::name));
        return rows;
    }

    /** The configuration's hash apart from the replica label (apart from all external labels while it is unknown). */
    static String hash(ReplicaStatus status, String replicaLabel) {
        return replicaLabel == null ? status.config().hashWithoutExternalLabels() : status.configHash(replicaLabel);
    }

    /** The hash most replicas run; null when they all agree or none answered. */
    static String majorityHash(StackState state) {
        String label = state.replicaLabel().known() ? state.replicaLabel().name() : null;
        Map<String, Integer> counts = new HashMap<>();
        state.replicas().values().forEach(s -> {
            if (s.freshness() == Freshness.OK || s.freshness() == Freshness.STALE) {
                s.value().ifPresent(v -> counts.merge(hash(v, label), 1, Integer::sum));
            }
        });
        if (counts.size() < 2) {
            return null;
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
