package io.promdeck.ui.replicas;

import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.ReloadOutcomes;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Rows for the Prometheus replicas panel, and its Reload / Reload all commands. */
public final class ReplicasViewModel {

    static final int HISTORY = 40;

    private final SessionModel session;
    private final Clock clock;
    private final ObservableList<ReplicaRow> rows = FXCollections.observableArrayList();
    private final Map<String, ReloadResult> reloads = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Double>> history = new HashMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final BooleanProperty reloading = new SimpleBooleanProperty(false);

    public ReplicasViewModel(SessionModel session, Clock clock) {
        this.session = session;
        this.clock = clock;
        session.stateProperty().addListener((obs, old, state) -> update());
        session.podsProperty().addListener((obs, old, pods) -> update());
        session.sessionProperty().addListener((obs, old, now) -> {
            reloads.clear();
            history.clear();
            lastSeen.clear();
            update();
        });
    }

    private void update() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            rows.clear();
            return;
        }
        for (Snapshot<ReplicaStatus> s : state.replicas().values()) {
            if (s.value().isPresent() && !s.takenAt().equals(lastSeen.get(s.endpoint()))) {
                lastSeen.put(s.endpoint(), s.takenAt());
                double rate = s.value().get().ingestionRate();
                if (!Double.isNaN(rate)) {
                    ArrayDeque<Double> points = history.computeIfAbsent(s.endpoint(), k -> new ArrayDeque<>());
                    points.addLast(rate);
                    while (points.size() > HISTORY) {
                        points.removeFirst();
                    }
                }
            }
        }
        Map<String, List<Double>> copies = new HashMap<>();
        history.forEach((k, v) -> copies.put(k, List.copyOf(v)));
        NamespaceSnapshot pods = session.podsProperty().get();
        io.promdeck.ui.common.Rows.update(rows, ReplicaRows.build(state, pods, reloads, copies, clock.instant()), ReplicaRow::name);
    }

    public ObservableList<ReplicaRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty reloadingProperty() {
        return reloading;
    }

    public void reload(String replica) {
        StackSession current = session.sessionProperty().get();
        if (current == null || reloading.get()) {
            return;
        }
        reloading.set(true);
        session.tasks().run(() -> current.monitor().reloadPrometheus(replica))
                .onSuccess(result -> {
                    reloads.put(replica, result);
                    session.audit().record("prometheus.reload", replica, ReloadOutcomes.sentence(result), java.util.Map.of());
                    update();
                })
                .andFinally(() -> reloading.set(false))
                .start();
    }

    public void reloadAll() {
        StackSession current = session.sessionProperty().get();
        if (current == null || reloading.get()) {
            return;
        }
        reloading.set(true);
        session.tasks().run(() -> current.monitor().reloadAllPrometheus())
                .onSuccess(results -> {
                    reloads.putAll(results);
                    session.audit().record("prometheus.reload-all", "every replica", ReloadOutcomes.summary(results), ReloadOutcomes.details(results));
                    update();
                })
                .andFinally(() -> reloading.set(false))
                .start();
    }

    /** The session the panel shows (for "copy as" of its endpoints). */
    public SessionModel session() {
        return session;
    }
}
