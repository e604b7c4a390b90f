package io.promdeck.ui.overview;

import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.Freshness;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.peers.PeerMesh;
import io.promdeck.ui.session.SessionModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One line per component with its health, and the HA problems found so far. */
public final class OverviewViewModel {

    private final ObservableList<String> components = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    public OverviewViewModel(SessionModel session) {
        session.stateProperty().addListener((obs, old, state) -> {
            components.setAll(state == null ? List.of() : components(state, session.clock().instant()));
            problems.setAll(state == null ? List.of() : problems(state));
        });
    }

    static List<String> components(StackState state, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(line("Prometheus", state.replicas(), state.expectedReplicas()));
        lines.add(line("Alertmanager", state.peers(), state.expectedPeers()));
        if (!state.stores().isEmpty()) {
            lines.add(line("Thanos Query", state.stores(), state.stores().size()));
        }
        lines.add(alerts(state, now));
        return lines;
    }

    /** The number of alerts only when some peer's answer backs it; otherwise why it is unknown. */
    static String alerts(StackState state, Instant now) {
        Coverage coverage = state.alertCoverage(now);
        return switch (coverage.kind()) {
            case COMPLETE -> "✓ Alerts: " + state.dedupedAlerts(coverage).size() + " (deduplicated across " + coverage.used().size()
                    + " peers)";
            case PARTIAL -> "⚠ Alerts: " + state.dedupedAlerts(coverage).size() + " — " + coverage.sentence();
            case STALE -> "⚠ Alerts: " + state.dedupedAlerts(coverage).size() + " — " + coverage.sentence();
            case UNKNOWN -> "✗ Alerts: unknown — " + coverage.sentence().replaceFirst("^alerts unknown: ", "");
            case PENDING -> "… Alerts: waiting for the first answer";
        };
    }

    private static String line(String name, Map<String, ? extends Snapshot<?>> snapshots, int expected) {
        long ok = snapshots.values().stream().filter(s -> s.freshness() == Freshness.OK).count();
        String mark = ok >= expected && ok > 0 ? "✓" : ok > 0 ? "⚠" : "✗";
        return mark + " " + name + ": " + ok + " of " + expected + " answering";
    }

    /** HA problems across components (the HA doctor will grow from these). */
    static List<String> problems(StackState state) {
        List<String> problems = new ArrayList<>();
        if (state.replicas().isEmpty()) {
            problems.add("No Prometheus replica was found" + (state.expectedReplicas() > 0 ? " (the StatefulSet wants "
                    + state.expectedReplicas() + ")" : "") + "; HA needs at least 2");
        } else if (state.replicas().values().stream().noneMatch(s -> s.freshness() == Freshness.PENDING)) {
            long answering = state.replicas().values().stream().filter(s -> s.freshness() == Freshness.OK).count();
            if (answering < 2) {
                problems.add("Only " + answering + " Prometheus replica" + (answering == 1 ? " answers" : "s answer") + "; HA needs at least 2");
            }
        }
        var hashes = state.replicas().values().stream().flatMap(s -> s.value().stream()).map(v -> v.config().hashWithoutExternalLabels())
                .collect(Collectors.toSet());
        if (hashes.size() > 1) {
            problems.add("Prometheus replicas run different configurations (" + hashes.size() + " config hashes)");
        }
        state.replicas().values().forEach(s -> s.value().ifPresent(v -> {
            if (!v.reloadSuccess()) {
                problems.add(s.endpoint() + ": the last configuration reload failed; it runs the previous configuration");
            }
        }));
        problems.addAll(PeerMesh.of(state).problems());
        state.replicas().values().stream().filter(s -> s.freshness() != Freshness.OK && s.freshness() != Freshness.PENDING)
                .forEach(s -> problems.add(s.endpoint() + " does not answer: " + s.error().map(e -> e.summary()).orElse("")));
        return problems;
    }

    public ObservableList<String> components() {
        return components;
    }

    public ObservableList<String> problems() {
        return problems;
    }
}
