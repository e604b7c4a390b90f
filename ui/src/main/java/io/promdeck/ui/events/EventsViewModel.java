package io.promdeck.ui.events;

import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Events panel: the stack namespace's events from the session's informer (live, no polling), warnings first,
 * filtered by words or to warnings only. Says plainly when events are not watched, rather than showing an empty list.
 */
public final class EventsViewModel {

    private final Clock clock;
    private final ObservableList<EventRow> all = FXCollections.observableArrayList();
    private final FilteredList<EventRow> shown = new FilteredList<>(all, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty warningsOnly = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Not connected.");
    private NamespaceSnapshot last;

    public EventsViewModel(SessionModel session, Clock clock) {
        this.clock = clock;
        filter.addListener((obs, old, now) -> refilter());
        warningsOnly.addListener((obs, old, now) -> refilter());
        session.sessionProperty().addListener((obs, old, now) -> session(now));
        session.podsProperty().addListener((obs, old, now) -> {
            if (now != null) {
                update(now);
            }
        });
        session(session.sessionProperty().get());
    }

    /** A new session: nothing is known about its events until its informer has listed them. */
    void session(StackSession session) {
        all.clear();
        last = null;
        if (session == null) {
            status.set("Not connected.");
        } else if (session.sandbox().isPresent()) {
            status.set("A local stack runs no Kubernetes: it has no events. Its processes' logs are in the Logs panel.");
        } else if (session.namespaceWatch().isEmpty()) {
            status.set(session.connection().isEmpty() ? "A direct-URL profile has no Kubernetes events."
                    : "Events are not watched: listing and watching events (and pods) in the namespace is not allowed for "
                            + session.userName() + " — see Permissions on the Connect panel.");
        } else {
            status.set("Waiting for the first list of events…");
        }
    }

    /** The informer's latest picture of the namespace. */
    public void update(NamespaceSnapshot snapshot) {
        last = snapshot;
        List<EventRow> rows = snapshot.events().stream().map(e -> EventRow.of(e, clock.instant())).toList();
        all.setAll(rows);
        refilter();
    }

    private void refilter() {
        String words = filter.get();
        boolean warnings = warningsOnly.get();
        shown.setPredicate(r -> (!warnings || r.warning()) && r.matches(words));
        if (last != null) {
            long warningCount = all.stream().filter(EventRow::warning).count();
            status.set(shown.size() + " of " + all.size() + " events in " + last.namespace() + " (" + warningCount + " warning"
                    + (warningCount == 1 ? "" : "s") + ") — watched live, as of " + Formats.time(last.takenAt()));
        }
    }

    public ObservableList<EventRow> rows() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty warningsOnlyProperty() {
        return warningsOnly;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
