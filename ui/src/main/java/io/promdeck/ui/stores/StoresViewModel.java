package io.promdeck.ui.stores;

import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.thanos.StoreSet;
import io.promdeck.app.thanos.StoreStatus;
import io.promdeck.ui.session.SessionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Thanos store set of the first Thanos Query that answers, and the HA flags found in it. */
public final class StoresViewModel {

    private final SessionModel session;
    private final ObjectProperty<StoreSet> stores = new SimpleObjectProperty<>();
    private final ObservableList<String> flags = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");

    public StoresViewModel(SessionModel session) {
        this.session = session;
        session.stateProperty().addListener((obs, old, state) -> update(state));
    }

    private void update(StackState state) {
        if (state == null || state.stores().isEmpty()) {
            stores.set(null);
            flags.clear();
            status.set(state == null ? "" : "No Thanos Query in this stack.");
            return;
        }
        Snapshot<StoreSet> snapshot = state.stores().values().iterator().next();
        StoreSet next = snapshot.value().orElse(null);
        if (!java.util.Objects.equals(next, stores.get())) {
            stores.set(next);
        }
        status.set(snapshot.endpoint() + ": " + switch (snapshot.freshness()) {
            case OK -> "live";
            case STALE -> "stale, as of " + io.promdeck.ui.common.Formats.since(snapshot.valueAt(), session.clock().instant()) + " — "
                    + snapshot.error().map(e -> e.summary()).orElse("");
            case ERROR -> "unknown — " + snapshot.error().map(e -> e.summary()).orElse("error");
            case PENDING -> "waiting";
        });
        List<String> nextFlags = flags(snapshot.value(), state.replicas().keySet().stream().toList());
        if (!nextFlags.equals(flags)) {
            flags.setAll(nextFlags);
        }
    }

    /** Duplicate label sets, Prometheus replicas with no sidecar store, endpoints with errors. Pure. */
    static List<String> flags(Optional<StoreSet> set, List<String> replicas) {
        List<String> flags = new ArrayList<>();
        if (set.isEmpty()) {
            return flags;
        }
        StoreSet stores = set.get();
        for (String type : stores.byType().keySet()) {
            for (Map.Entry<Map<String, String>, List<String>> dup : stores.duplicateLabelSets(type).entrySet()) {
                flags.add("Duplicate label set " + dup.getKey() + " on " + type + "s " + dup.getValue()
                        + ": Thanos will merge them as one source; check the replica label");
            }
        }
        for (String replica : replicas) {
            boolean found = stores.ofType("sidecar").stream().anyMatch(s -> s.labelSets().stream().anyMatch(l -> l.containsValue(replica)));
            if (!found) {
                flags.add("Prometheus replica " + replica + " has no sidecar store: its recent data is missing from queries");
            }
        }
        for (StoreStatus s : stores.all()) {
            s.lastError().ifPresent(e -> flags.add(s.type() + " " + s.name() + " fails: " + e + " (its other fields are from the last good check)"));
        }
        return flags;
    }

    public ReadOnlyObjectProperty<StoreSet> storesProperty() {
        return stores;
    }

    public ObservableList<String> flags() {
        return flags;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
