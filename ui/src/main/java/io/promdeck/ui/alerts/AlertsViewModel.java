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

/**
 * Alerts of every peer, deduplicated (off the UI thread), grouped by name, filtered locally in matcher syntax: typing
 * a filter never asks the Alertmanagers again.
 */
public final class AlertsViewModel {

    private final SessionModel session;
    /**
     * Every row, in {@link #ORDER}; the rows the filter keeps; and what the table lists (those less the collapsed
     * groups'). Plain lists derived in one pass, not a chain of JavaFX's filtered and sorted lists: those replay a
     * whole-list replacement element by element (about 50 ms at 100,000 alerts; FxUpdateBenchmark).
     */
    private List<AlertRow> all = List.of();
    private List<AlertRow> filtered = List.of();
    private Predicate<AlertRow> predicate = r -> true;
    private final ObservableList<AlertRow> listed = FXCollections.observableArrayList();
    /** Collapsed groups, by their line without the count ("DiskFull", "critical · monitoring"). */
    private final java.util.Set<String> collapsed = new java.util.HashSet<>();
    /** The table's order unless a header is clicked; rows are sorted in it off the FX thread. */
    static final Comparator<AlertRow> ORDER = Comparator.comparing(AlertRow::name).thenComparing(AlertRow::labels);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty filterError = new SimpleStringProperty("");
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final StringProperty counts = new SimpleStringProperty("");
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final StringProperty groupBy = new SimpleStringProperty(AlertGroups.DEFAULT_GROUP_BY);
    /** The matchers behind each group's line, to filter to it. */
    private final java.util.Map<String, java.util.Map<String, String>> groupMatchers = new java.util.HashMap<>();
    /** Label names and their values among the alerts, for the filter's completion (read off the FX thread). */
    private volatile java.util.Map<String, List<String>> labelValues = java.util.Map.of();
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
        groupBy.addListener((obs, old, text) -> updateCounts());
    }

    /** What the rows are built from, and the unreadable items, computed off the FX thread. */
    record Built(Coverage coverage, List<AlertRow> rows, List<UnreadableItem> unreadable,
            java.util.Map<String, List<String>> labelValues) {
    }

    private void rebuild() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            all = List.of();
            unreadable.clear();
            coverage.set(null);
            placeholder.set("Not connected.");
            refilter();
            return;
        }
        if (!building.compareAndSet(false, true)) {
            dirty = true;
            return;
        }
        session.tasks().run(() -> sameAsLast(build(state, clock.instant(), rowCache))).onSuccess(this::show).andFinally(() -> {
            building.set(false);
            if (dirty) {
                dirty = false;
                rebuild();
            }
        }).start();
    }

    /** The rows the last build made, kept by identity where the alerts did not change (used by the one build in flight only). */
    private final AlertRows rowCache = new AlertRows();

    /** The rows of the last build (written by the one build in flight only). */
    private volatile List<AlertRow> lastBuilt = List.of();

    /**
     * Off the FX thread: rows equal to the last build's are replaced by that very list, so the FX thread tells
     * "unchanged" by identity (comparing 100,000 rows there took 97 ms, FxUpdateBenchmark.unchangedRefresh).
     */
    private Built sameAsLast(Built built) {
        List<AlertRow> last = lastBuilt;
        if (built.rows().equals(last)) {
            return new Built(built.coverage(), last, built.unreadable(), built.labelValues());
        }
        lastBuilt = built.rows();
        return built;
    }

    /** Rows from the peers whose alerts may be used now; none when nothing can be said. Pure. */
    static Built build(StackState state, java.time.Instant now) {
        return build(state, now, new AlertRows());
    }

    /** As {@link #build(StackState, java.time.Instant)}, keeping the rows {@code rows} built before where nothing changed. */
    static Built build(StackState state, java.time.Instant now, AlertRows rows) {
        Coverage c = state.alertCoverage(now);
        if (!c.known()) {
            return new Built(c, List.of(), List.of(), java.util.Map.of());
        }
        AlertRows.Rows built = rows.build(state.dedupedAlerts(c), c.used().size());
        return new Built(c, built.sorted(), state.unreadableAlerts(c), built.labelValues());
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
        labelValues = built.labelValues();
        if (!show(built.rows())) {
            updateCounts();
        }
    }

    /**
     * New rows are filtered and listed; unchanged ones (the same list: {@link #sameAsLast}) leave everything alone.
     * Whether they were new.
     */
    private boolean show(List<AlertRow> rows) {
        if (rows == all || rows.isEmpty() && all.isEmpty()) {
            return false;
        }
        all = rows;
        refilter();
        return true;
    }

    /** The filter applied to every row, then the counts and the table's list. */
    private void refilter() {
        if (all.isEmpty()) {
            filtered = List.of();
        } else {
            List<AlertRow> kept = new java.util.ArrayList<>(all.size());
            for (AlertRow row : all) {
                if (predicate.test(row)) {
                    kept.add(row);
                }
            }
            filtered = kept.size() == all.size() ? all : kept;
        }
        updateCounts();
    }

    /** Label names and their values among the rows, for the filter's completion; built off the FX thread. */
    static java.util.Map<String, List<String>> labelValues(List<AlertRow> rows) {
        java.util.Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();
        for (AlertRow row : rows) {
            row.labelMap().forEach((k, v) -> seen.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(v));
        }
        // Sorted arrays, not tree sets: 4 bytes per distinct value instead of 40 (many values are unique per alert).
        java.util.Map<String, List<String>> values = new java.util.TreeMap<>();
        seen.forEach((k, v) -> values.put(k, v.stream().sorted().toList()));
        return java.util.Collections.unmodifiableMap(values);
    }

    /** For the FX-update benchmark: what the FX thread does with rows built off it. */
    public void acceptRowsForBenchmark(List<AlertRow> rows) {
        show(rows);
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The table's rows, in its order ({@link #ORDER}); off the FX thread. */
    public static List<AlertRow> rows(List<DedupedAlert> alerts, int peers) {
        return alerts.stream().map(a -> AlertRow.of(a, peers)).sorted(ORDER).toList();
    }

    /** A builder of rows that keeps what it built for the next call (the console's own, for the benchmarks). */
    public static java.util.function.BiFunction<List<DedupedAlert>, Integer, List<AlertRow>> rowBuilder() {
        AlertRows rows = new AlertRows();
        return (alerts, peers) -> rows.build(alerts, peers).sorted();
    }

    /** Parses the filter; a bad one keeps the last good filter and shows where it is wrong. */
    void applyFilter(String text) {
        try {
            StackState state = session.stateProperty().get();
            List<Matcher> matchers = (state == null ? io.promdeck.app.alertmanager.AlertmanagerDialect.DEFAULT : state.alertmanagerDialect())
                    .syntax().parse(text == null ? "" : text);
            filterError.set("");
            predicate = matchers.isEmpty() ? r -> true : r -> Matchers.allMatch(matchers, r.labelMap());
            refilter();
        } catch (MatcherSyntaxException e) {
            filterError.set(e.getMessage());
        }
    }

    private void updateCounts() {
        shown.set(filtered.size());
        recount();
    }

    private void recount() {
        Coverage current = coverage.get();
        if (current == null || !current.known()) {
            if (!groups.isEmpty()) {
                groups.clear();
            }
            counts.set(current == null ? "" : "Alert counts unknown.");
            list(filtered);
            return;
        }
        List<String> labels = AlertGroups.labels(groupBy.get());
        AlertGroups.Counted counted = AlertGroups.count(filtered, labels);
        groupMatchers.clear();
        groupMatchers.putAll(counted.matchers());
        if (!counted.groups().equals(groups)) {
            groups.setAll(counted.groups());
        }
        collapsed.retainAll(counted.lines());
        List<AlertRow> expanded = collapsed.isEmpty() ? filtered
                : filtered.stream().filter(r -> !collapsed.contains(AlertGroups.line(AlertGroups.values(r, labels)))).toList();
        list(expanded);
        long hidden = filtered.size() - expanded.size();
        // An empty table says why: nothing firing, nothing matching the filter, or everything in collapsed groups.
        if (all.isEmpty()) {
            placeholder.set("No alerts.");
        } else if (filtered.isEmpty()) {
            placeholder.set("No alert matches the filter (" + all.size() + " in all).");
        } else if (expanded.isEmpty()) {
            placeholder.set("All " + filtered.size() + " matching alert" + (filtered.size() == 1 ? " is" : "s are")
                    + " in collapsed groups: expand a group to list them.");
        }
        counts.set(filtered.size() + " of " + all.size() + " alerts · " + counted.active() + " active · " + counted.suppressed()
                + " suppressed · " + counted.inhibited() + " inhibited" + (hidden > 0 ? " · " + hidden + " in collapsed groups" : "")
                + (current.kind() == Coverage.Kind.COMPLETE ? "" : " — " + current.sentence()));
    }

    /** Hands the table its rows; an unchanged list leaves it (and the selection and scroll position) alone. */
    private void list(List<AlertRow> rows) {
        if (!rows.equals(listed)) {
            listed.setAll(rows);
        }
    }

    /** Collapses an expanded group (its alerts leave the table, its count stays), or expands a collapsed one. */
    public void toggleCollapsed(String group) {
        String line = AlertGroups.lineOf(group);
        if (!collapsed.remove(line)) {
            collapsed.add(line);
        }
        updateCounts();
    }

    public boolean isCollapsed(String group) {
        return collapsed.contains(AlertGroups.lineOf(group));
    }

    /** Collapses every group (true) or expands them all (false). */
    public void collapseAll(boolean collapse) {
        collapsed.clear();
        if (collapse) {
            groups.forEach(g -> collapsed.add(AlertGroups.lineOf(g)));
        }
        updateCounts();
        // The list cells show the arrow of each group's new state.
        List<String> same = List.copyOf(groups);
        groups.setAll(same);
    }

    /** What the table lists, in {@link #ORDER}. */
    public ObservableList<AlertRow> rows() {
        return listed;
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

    /** Narrows the filter to one group (a click on its line): its label values as equality matchers. */
    public void showGroup(String group) {
        java.util.Map<String, String> values = groupMatchers.get(group);
        if (values == null) {
            return;
        }
        List<Matcher> matchers = values.entrySet().stream().filter(e -> !AlertGroups.RECEIVER.equals(e.getKey()))
                .map(e -> Matcher.equal(e.getKey(), e.getValue())).toList();
        filter.set(matchers.isEmpty() ? "" : Matchers.print(matchers));
    }

    /** What the groups are made of: label names, comma-separated ("alertname", "severity, namespace", "receiver"). */
    public StringProperty groupByProperty() {
        return groupBy;
    }

    /** A label chip clicked: the filter keeps what it has and also requires {@code label="value"}. */
    public void addToFilter(String label, String value) {
        StackState state = session.stateProperty().get();
        var syntax = (state == null ? io.promdeck.app.alertmanager.AlertmanagerDialect.DEFAULT : state.alertmanagerDialect()).syntax();
        List<Matcher> matchers = new java.util.ArrayList<>();
        try {
            matchers.addAll(syntax.parse(filter.get() == null ? "" : filter.get()));
        } catch (MatcherSyntaxException e) {
            // The broken filter is replaced by the chip's matcher.
        }
        Matcher chip = Matcher.equal(label, value);
        if (!matchers.contains(chip)) {
            matchers.add(chip);
        }
        filter.set(Matchers.print(matchers));
    }

    /**
     * Completions for the filter as typed: label names for a name being typed, {@code name="value"} for a value, each
     * as the whole filter text (what the completion field puts in). Safe off the FX thread.
     */
    public List<String> suggestions(String typed) {
        return FilterSuggestions.of(typed, labelValues);
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
