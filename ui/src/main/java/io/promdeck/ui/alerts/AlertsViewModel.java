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
    /** The filtered alerts less those of collapsed groups: what the table lists. */
    private final FilteredList<AlertRow> expanded = new FilteredList<>(filtered);
    /** Collapsed groups, by their line without the count ("DiskFull", "critical · monitoring"). */
    private final java.util.Set<String> collapsed = new java.util.HashSet<>();
    private final SortedList<AlertRow> sorted = new SortedList<>(expanded,
            Comparator.comparing(AlertRow::name).thenComparing(AlertRow::labels));
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty filterError = new SimpleStringProperty("");
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final StringProperty counts = new SimpleStringProperty("");
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final StringProperty groupBy = new SimpleStringProperty(DEFAULT_GROUP_BY);
    /** The matchers behind each group's line, to filter to it. */
    private final java.util.Map<String, java.util.Map<String, String>> groupMatchers = new java.util.HashMap<>();
    /** Label names and their values among the alerts, for the filter's completion (read off the FX thread). */
    private volatile java.util.Map<String, java.util.SortedSet<String>> labelValues = java.util.Map.of();
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
            java.util.Map<String, java.util.SortedSet<String>> values = new java.util.TreeMap<>();
            for (AlertRow row : rows) {
                row.labelMap().forEach((k, v) -> values.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(v));
            }
            labelValues = values;
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
        if (updating) {
            return;
        }
        updating = true;
        try {
            recount();
        } finally {
            updating = false;
        }
    }

    /** Whether a recount is under way (narrowing the table's list changes it, which would recount again). */
    private boolean updating;

    private void recount() {
        Coverage current = coverage.get();
        if (current == null || !current.known()) {
            if (!groups.isEmpty()) {
                groups.clear();
            }
            counts.set(current == null ? "" : "Alert counts unknown.");
            return;
        }
        List<String> labels = groupLabels(groupBy.get());
        java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
        java.util.Map<String, java.util.Map<String, String>> matchers = new java.util.HashMap<>();
        for (AlertRow row : filtered) {
            java.util.Map<String, String> values = groupValues(row, labels);
            String line = groupLine(values);
            byGroup.merge(line, 1L, Long::sum);
            matchers.putIfAbsent(line, values);
        }
        List<String> nextGroups = byGroup.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        groupMatchers.clear();
        matchers.forEach((line, values) -> groupMatchers.put(line + " (" + byGroup.get(line) + ")", values));
        if (!nextGroups.equals(groups)) {
            groups.setAll(nextGroups);
        }
        collapsed.retainAll(byGroup.keySet());
        expanded.setPredicate(collapsed.isEmpty() ? null : r -> !collapsed.contains(groupLine(groupValues(r, labels))));
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
        long active = filtered.stream().filter(r -> r.state().equals("active")).count();
        long suppressed = filtered.stream().filter(r -> r.state().equals("suppressed")).count();
        long inhibited = filtered.stream().filter(r -> r.state().equals("inhibited")).count();
        counts.set(filtered.size() + " of " + all.size() + " alerts · " + active + " active · " + suppressed + " suppressed · "
                + inhibited + " inhibited" + (hidden > 0 ? " · " + hidden + " in collapsed groups" : "")
                + (current.kind() == Coverage.Kind.COMPLETE ? "" : " — " + current.sentence()));
    }

    private static java.util.Map<String, String> groupValues(AlertRow row, List<String> labels) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String label : labels) {
            values.put(label, RECEIVER.equals(label) ? row.receivers() : row.labelMap().getOrDefault(label, ""));
        }
        return values;
    }

    /** A group's line without its count: "DiskFull (12)" is "DiskFull". */
    private static String lineOf(String group) {
        int count = group.lastIndexOf(" (");
        return count < 0 ? group : group.substring(0, count);
    }

    /** Collapses an expanded group (its alerts leave the table, its count stays), or expands a collapsed one. */
    public void toggleCollapsed(String group) {
        String line = lineOf(group);
        if (!collapsed.remove(line)) {
            collapsed.add(line);
        }
        updateCounts();
    }

    public boolean isCollapsed(String group) {
        return collapsed.contains(lineOf(group));
    }

    /** Collapses every group (true) or expands them all (false). */
    public void collapseAll(boolean collapse) {
        collapsed.clear();
        if (collapse) {
            groups.forEach(g -> collapsed.add(lineOf(g)));
        }
        updateCounts();
        // The list cells show the arrow of each group's new state.
        List<String> same = List.copyOf(groups);
        groups.setAll(same);
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

    /** Narrows the filter to one group (a click on its line): its label values as equality matchers. */
    public void showGroup(String group) {
        java.util.Map<String, String> values = groupMatchers.get(group);
        if (values == null) {
            return;
        }
        List<Matcher> matchers = values.entrySet().stream().filter(e -> !RECEIVER.equals(e.getKey()))
                .map(e -> Matcher.equal(e.getKey(), e.getValue())).toList();
        filter.set(matchers.isEmpty() ? "" : Matchers.print(matchers));
    }

    /** What the groups are made of: label names, comma-separated ("alertname", "severity, namespace", "receiver"). */
    public StringProperty groupByProperty() {
        return groupBy;
    }

    /** The label names Karma offers to group by, first. */
    public static final List<String> GROUP_CHOICES = List.of("alertname", "severity", "namespace", "cluster", "receiver", "severity, namespace");
    static final String DEFAULT_GROUP_BY = "alertname";
    /** Not a label: the receivers Alertmanager routed the alert to. */
    static final String RECEIVER = "receiver";

    static List<String> groupLabels(String text) {
        List<String> labels = java.util.Arrays.stream((text == null ? "" : text).split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        return labels.isEmpty() ? List.of(DEFAULT_GROUP_BY) : labels;
    }

    /** "DiskFull" for one label, "critical · monitoring" for several; a missing value shows as "label=—". */
    static String groupLine(java.util.Map<String, String> values) {
        List<String> parts = values.entrySet().stream().map(e -> e.getValue().isEmpty() ? e.getKey() + "=—" : e.getValue()).toList();
        return String.join(" · ", parts);
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
        return suggestions(typed, labelValues);
    }

    /** {@link #suggestions(String)} over given label values. Pure. */
    static List<String> suggestions(String typed, java.util.Map<String, java.util.SortedSet<String>> values) {
        String text = typed == null ? "" : typed;
        int cut = Math.max(text.lastIndexOf(','), text.lastIndexOf('{')) + 1;
        String head = text.substring(0, cut);
        String token = text.substring(cut).stripLeading();
        String spacing = cut > 0 && text.charAt(cut - 1) == ',' ? " " : "";
        List<String> out = new java.util.ArrayList<>();
        int op = token.indexOf('=');
        if (token.isEmpty()) {
            // Nothing typed yet: no popup over the field.
            return List.of();
        }
        if (op < 0) {
            for (String name : values.keySet()) {
                if (name.startsWith(token) && !name.equals(token)) {
                    out.add(head + spacing + name + "=");
                }
            }
        } else {
            String name = token.substring(0, op).replace("!", "");
            String valuePrefix = token.substring(op + 1).replace("~", "").replace("\"", "");
            for (String value : values.getOrDefault(name, java.util.Collections.emptySortedSet())) {
                if (value.startsWith(valuePrefix)) {
                    out.add(head + spacing + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                }
            }
        }
        return out.size() > 20 ? out.subList(0, 20) : out;
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
