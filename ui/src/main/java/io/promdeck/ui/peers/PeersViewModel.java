package io.promdeck.ui.peers;

import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.live.PeerStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.session.SessionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Rows and the who-sees-whom matrix for the Alertmanager peers panel, and its Reload command. */
public final class PeersViewModel {

    private final SessionModel session;
    private final ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<PeerMesh> mesh = new SimpleObjectProperty<>();
    private final Map<String, ReloadResult> reloads = new HashMap<>();

    public PeersViewModel(SessionModel session) {
        this.session = session;
        session.stateProperty().addListener((obs, old, state) -> update());
        session.sessionProperty().addListener((obs, old, now) -> reloads.clear());
    }

    private void update() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            rows.clear();
            mesh.set(null);
            return;
        }
        PeerMesh current = PeerMesh.of(state);
        mesh.set(current);
        rows.setAll(rows(state, current, reloads));
    }

    static List<PeerRow> rows(StackState state, PeerMesh mesh, Map<String, ReloadResult> reloads) {
        Map<String, Integer> hashes = new HashMap<>();
        state.peers().values().forEach(s -> s.value().ifPresent(v -> hashes.merge(v.status().configHash(), 1, Integer::sum)));
        String majority = hashes.size() < 2 ? null : hashes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        List<PeerRow> rows = new ArrayList<>();
        for (Snapshot<PeerStatus> s : state.peers().values()) {
            ReloadResult reload = reloads.get(s.endpoint());
            var count = s.value().map(v -> v.status().peerCount(mesh.expected()));
            boolean differs = majority != null && s.value().map(v -> !v.status().configHash().equals(majority)).orElse(false);
            rows.add(new PeerRow(s.endpoint(),
                    switch (s.freshness()) {
                        case OK -> "live";
                        case STALE -> "stale";
                        case ERROR -> "error";
                        case PENDING -> "waiting";
                    },
                    s.value().map(v -> v.status().clusterState().name().toLowerCase(java.util.Locale.ROOT)).orElse("—"),
                    count.map(Object::toString).orElse("—"),
                    count.map(c -> !c.complete()).orElse(false),
                    s.value().map(v -> v.status().version()).orElse("—"),
                    s.value().map(v -> v.status().configHash().substring(0, 12) + (majority != null && !v.status().configHash().equals(majority) ? " ≠" : "")).orElse("—"),
                    differs,
                    s.value().map(v -> v.activeSilences() + " active / " + v.silences()).orElse("—"),
                    s.error().map(e -> e.summary()).orElse(""),
                    reload == null ? "" : reload.succeeded() ? "Reloaded" : reload.message(),
                    reload != null && !reload.succeeded()));
        }
        rows.sort(java.util.Comparator.comparing(PeerRow::name));
        return rows;
    }

    public ObservableList<PeerRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<PeerMesh> meshProperty() {
        return mesh;
    }

    public void reload(String peer) {
        StackSession current = session.sessionProperty().get();
        if (current == null) {
            return;
        }
        session.tasks().run(() -> current.monitor().reloadAlertmanager(peer)).onSuccess(result -> {
            reloads.put(peer, result);
            update();
        }).start();
    }
}
