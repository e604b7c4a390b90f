package io.promdeck.ui.alerts;

import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.MatcherSyntaxException;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.session.SessionModel;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * Alerts of every peer, deduplicated (off the UI thread), grouped by name, filtered locally in matcher syntax: typing
 * a filter never asks the Alertmanagers again.
 */
public final class AlertsViewModel {

    private final SessionModel session;
    private final ObservableList<AlertRow> all = FXCollections.observableArrayList();
    private final FilteredList<AlertRow> filtered = new FilteredList<>(all);
    private final SortedList<AlertRow> sorted = new SortedList<>(filtered,
            Comparator.comparing(AlertRow::name).thenComparing(AlertRow::labels));
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty filterError = new SimpleStringProperty("");
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final StringProperty counts = new SimpleStringProperty("");
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile boolean dirty;

    public AlertsViewModel(SessionModel session) {
        this.session = session;
        session.stateProperty().addListener((obs, old, state) -> rebuild());
        filter.addListener((obs, old, text) -> applyFilter(text));
        filtered.addListener((javafx.collections.ListChangeListener<AlertRow>) c -> updateCounts());
    }

    private void rebuild() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            all.clear();
            return;
        }
        if (!building.compareAndSet(false, true)) {
            dirty = true;
            return;
        }
        int peers = Math.max(state.expectedPeers(), state.alerts().size());
        session.tasks().run(() -> rows(state.dedupedAlerts(), peers)).onSuccess(this::show).andFinally(() -> {
            building.set(false);
            if (dirty) {
                dirty = false;
                rebuild();
            }
        }).start();
    }

    /** The FX-thread part of a refresh. Unchanged data leaves the list (and the selection and scroll position) alone. */
    private void show(List<AlertRow> rows) {
        if (!rows.equals(all)) {
            all.setAll(rows);
        }
    }

    /** For the FX-update benchmark: what the FX thread does with rows built off it. */
    public void acceptRowsForBenchmark(List<AlertRow> rows) {
        show(rows);
    }

    public static List<AlertRow> rows(List<DedupedAlert> alerts, int peers) {
        return alerts.stream().map(a -> AlertRow.of(a, peers)).toList();
    }

    /** Parses the filter; a bad one keeps the last good filter and shows where it is wrong. */
    void applyFilter(String text) {
        try {
            List<Matcher> matchers = Matchers.parse(text == null ? "" : text);
            filterError.set("");
            Predicate<AlertRow> predicate = matchers.isEmpty() ? r -> true : r -> Matchers.allMatch(matchers, r.labelMap());
            filtered.setPredicate(predicate);
        } catch (MatcherSyntaxException e) {
            filterError.set(e.getMessage());
        }
    }

    private void updateCounts() {
        shown.set(filtered.size());
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        filtered.forEach(r -> byName.merge(r.name(), 1L, Long::sum));
        List<String> nextGroups = byName.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        if (!nextGroups.equals(groups)) {
            groups.setAll(nextGroups);
        }
        long active = filtered.stream().filter(r -> r.state().equals("active")).count();
        long suppressed = filtered.stream().filter(r -> r.state().equals("suppressed")).count();
        long inhibited = filtered.stream().filter(r -> r.state().equals("inhibited")).count();
        counts.set(filtered.size() + " of " + all.size() + " alerts · " + active + " active · " + suppressed + " suppressed · "
                + inhibited + " inhibited");
    }

    public SortedList<AlertRow> rows() {
        return sorted;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError;
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown;
    }

    /** Alert names of the filtered alerts with their counts, "DiskFull (12)". */
    public ObservableList<String> groups() {
        return groups;
    }

    /** Narrows the filter to one alert name (a click on its group). */
    public void showGroup(String group) {
        int paren = group.lastIndexOf(" (");
        String name = paren < 0 ? group : group.substring(0, paren);
        filter.set(Matchers.print(List.of(Matcher.equal("alertname", name))));
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts;
    }

    /** The matcher text that silences exactly this alert: all its labels, equality matchers. */
    public static String silenceMatchersFor(AlertRow row) {
        return Matchers.print(row.labelMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> Matcher.equal(e.getKey(), e.getValue())).toList());
    }
}
