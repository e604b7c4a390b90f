package io.promdeck.ui.peers;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.alertmanager.SilenceState;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.FreshnessText;
import io.promdeck.ui.common.ReloadOutcomes;
import io.promdeck.ui.session.SessionModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Rows and the who-sees-whom matrix for the Alertmanager peers panel, and its Reload command. */
public final class PeersViewModel {

    private final SessionModel session;
    private final ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<PeerMesh> mesh = new SimpleObjectProperty<>();
    private final Map<String, ReloadResult> reloads = new HashMap<>();
    private final BooleanProperty reloading = new SimpleBooleanProperty(false);

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
        io.promdeck.ui.common.Rows.update(rows, rows(state, current, reloads, session.clock().instant()), PeerRow::name);
    }

    static List<PeerRow> rows(StackState state, PeerMesh mesh, Map<String, ReloadResult> reloads, Instant now) {
        Map<String, Integer> hashes = new HashMap<>();
        state.peers().values().forEach(s -> s.value().ifPresent(v -> hashes.merge(v.configHash(), 1, Integer::sum)));
        String majority = hashes.size() < 2 ? null : hashes.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        List<PeerRow> rows = new ArrayList<>();
        for (Snapshot<AlertmanagerStatus> s : state.peers().values()) {
            ReloadResult reload = reloads.get(s.endpoint());
            var count = s.value().map(v -> v.peerCount(mesh.expected()));
            boolean differs = majority != null && s.value().map(v -> !v.configHash().equals(majority)).orElse(false);
            rows.add(new PeerRow(s.endpoint(),
                    FreshnessText.of(s, now),
                    s.value().map(v -> v.clusterState().name().toLowerCase(java.util.Locale.ROOT)).orElse("—"),
                    count.map(Object::toString).orElse("—"),
                    count.map(c -> !c.complete()).orElse(false),
                    s.value().map(AlertmanagerStatus::version).orElse("—"),
                    s.value().map(v -> v.configHash().substring(0, 12) + (majority != null && !v.configHash().equals(majority) ? " ≠" : "")).orElse("—"),
                    differs,
                    silences(state.silences().get(s.endpoint()), now),
                    s.error().map(e -> e.summary()).orElse(""),
                    ReloadOutcomes.cell(reload),
                    reload != null && !reload.succeeded(),
                    FreshnessText.old(s),
                    s.failure()));
        }
        rows.sort(java.util.Comparator.comparing(PeerRow::name));
        return rows;
    }

    /** "3 active / 5" from the peer's own silences call; its age when that call fails; "—" when never answered. */
    static String silences(Snapshot<Listing<Silence>> snapshot, Instant now) {
        if (snapshot == null || snapshot.value().isEmpty()) {
            return snapshot != null && snapshot.failure().isPresent() ? "unknown" : "—";
        }
        Listing<Silence> listing = snapshot.value().get();
        long active = listing.items().stream().filter(x -> x.state() == SilenceState.ACTIVE).count();
        String text = active + " active / " + listing.size();
        return snapshot.fresh() ? text : text + " (as of " + io.promdeck.ui.common.Formats.since(snapshot.valueAt(), now) + ")";
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
            session.audit().record("alertmanager.reload", peer, ReloadOutcomes.sentence(result), Map.of());
            update();
        }).start();
    }

    /** Reloads every peer at once, as Reload all does for the Prometheus replicas. */
    public void reloadAll() {
        StackSession current = session.sessionProperty().get();
        if (current == null || reloading.get()) {
            return;
        }
        reloading.set(true);
        session.tasks().run(() -> current.monitor().reloadAllAlertmanagers()).onSuccess(results -> {
            reloads.putAll(results);
            session.audit().record("alertmanager.reload-all", "every peer", ReloadOutcomes.summary(results), ReloadOutcomes.details(results));
            update();
        }).andFinally(() -> reloading.set(false)).start();
    }

    public ReadOnlyBooleanProperty reloadingProperty() {
        return reloading;
    }

    /** The session the panel shows (for "copy as" of its endpoints). */
    public SessionModel session() {
        return session;
    }
}
