package io.promdeck.ui.alerts;

import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.MatcherSyntaxException;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.http.UnreadableItem;
import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
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
    private final ObjectProperty<Coverage> coverage = new SimpleObjectProperty<>();
    private final StringProperty placeholder = new SimpleStringProperty("Not connected.");
    private final ObservableList<UnreadableItem> unreadable = FXCollections.observableArrayList();
    private final AtomicBoolean building = new AtomicBoolean();
    private final Clock clock;
    private volatile boolean dirty;

    public AlertsViewModel(SessionModel session) {
        this.session = session;
        this.clock = session.clock();
        session.stateProperty().addListener((obs, old, state) -> rebuild());
        filter.addListener((obs, old, text) -> applyFilter(text));
        filtered.addListener((javafx.collections.ListChangeListener<AlertRow>) c -> updateCounts());
    }

    /** What the rows are built from, and the unreadable items, computed off the FX thread. */
    record Built(Coverage coverage, List<AlertRow> rows, List<UnreadableItem> unreadable) {
    }

    private void rebuild() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            all.clear();
            unreadable.clear();
            coverage.set(null);
            placeholder.set("Not connected.");
            updateCounts();
            return;
        }
        if (!building.compareAndSet(false, true)) {
            dirty = true;
            return;
        }
        session.tasks().run(() -> build(state, clock.instant())).onSuccess(this::show).andFinally(() -> {
            building.set(false);
            if (dirty) {
                dirty = false;
                rebuild();
            }
        }).start();
    }

    /** Rows from the peers whose alerts may be used now; none when nothing can be said. Pure. */
    static Built build(StackState state, java.time.Instant now) {
        Coverage c = state.alertCoverage(now);
        if (!c.known()) {
            return new Built(c, List.of(), List.of());
        }
        return new Built(c, rows(state.dedupedAlerts(c), c.used().size()), state.unreadableAlerts(c));
    }

    /** The FX-thread part of a refresh. Unchanged data leaves the list (and the selection and scroll position) alone. */
    private void show(Built built) {
        coverage.set(built.coverage());
        placeholder.set(switch (built.coverage().kind()) {
            case UNKNOWN -> capitalize(built.coverage().sentence()) + ".";
            case PENDING -> "Waiting for the first answer of the Alertmanagers…";
            default -> "No alerts.";
        });
        if (!built.unreadable().equals(unreadable)) {
            unreadable.setAll(built.unreadable());
        }
        show(built.rows());
        updateCounts();
    }

    private void show(List<AlertRow> rows) {
        if (!rows.equals(all)) {
            all.setAll(rows);
        }
    }

    /** For the FX-update benchmark: what the FX thread does with rows built off it. */
    public void acceptRowsForBenchmark(List<AlertRow> rows) {
        show(rows);
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public static List<AlertRow> rows(List<DedupedAlert> alerts, int peers) {
        return alerts.stream().map(a -> AlertRow.of(a, peers)).toList();
    }

    /** Parses the filter; a bad one keeps the last good filter and shows where it is wrong. */
    void applyFilter(String text) {
        try {
            StackState state = session.stateProperty().get();
            List<Matcher> matchers = (state == null ? io.promdeck.app.alertmanager.AlertmanagerDialect.DEFAULT : state.alertmanagerDialect())
                    .syntax().parse(text == null ? "" : text);
            filterError.set("");
            Predicate<AlertRow> predicate = matchers.isEmpty() ? r -> true : r -> Matchers.allMatch(matchers, r.labelMap());
            filtered.setPredicate(predicate);
        } catch (MatcherSyntaxException e) {
            filterError.set(e.getMessage());
        }
    }

    private void updateCounts() {
        shown.set(filtered.size());
        Coverage current = coverage.get();
        if (current == null || !current.known()) {
            if (!groups.isEmpty()) {
                groups.clear();
            }
            counts.set(current == null ? "" : "Alert counts unknown.");
            return;
        }
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
                + inhibited + " inhibited" + (current.kind() == Coverage.Kind.COMPLETE ? "" : " — " + current.sentence()));
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

    /** Which peers the rows come from, or why there are none; null before a session. */
    public ReadOnlyObjectProperty<Coverage> coverageProperty() {
        return coverage;
    }

    /** What the empty table says: "No alerts." only when the peers really said so. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder;
    }

    /** Alerts a peer sent that Promdeck could not read, each with its raw text. */
    public ObservableList<UnreadableItem> unreadable() {
        return unreadable;
    }

    /** The matcher text that silences exactly this alert: all its labels, equality matchers. */
    public static String silenceMatchersFor(AlertRow row) {
        return Matchers.print(row.labelMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> Matcher.equal(e.getKey(), e.getValue())).toList());
    }
}
