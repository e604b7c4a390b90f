package io.promdeck.ui.alerts;

import io.promdeck.app.alertmanager.DedupedAlert;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table's rows, built off the FX thread, keeping what the previous build made. The merge hands back the very
 * {@link DedupedAlert} of the previous refresh when an alert did not change ({@code AlertDedup.merge}), so a row is
 * kept when its alert is the same object; when every row is kept the previous sorted list and label values are
 * returned as they were, which the FX thread tells by identity. At 100,000 alerts rebuilding, sorting and indexing
 * every row on each refresh was the larger part of the console-side work (JFR, README Performance). Used by one build
 * at a time.
 */
final class AlertRows {

    /** What one build made: the source, its rows in the source's order and in the table's order, their label values. */
    record Rows(List<DedupedAlert> source, int peers, List<AlertRow> inSourceOrder, List<AlertRow> sorted,
            Map<String, List<String>> labelValues) {
    }

    private volatile Rows last = new Rows(List.of(), 0, List.of(), List.of(), Map.of());

    /** The rows of {@code alerts} held by {@code peers} peers, reusing the previous build's where nothing changed. */
    Rows build(List<DedupedAlert> alerts, int peers) {
        Rows before = last;
        if (alerts == before.source() && peers == before.peers()) {
            return before;
        }
        boolean samePeers = peers == before.peers();
        List<DedupedAlert> previousSource = samePeers ? before.source() : List.of();
        List<AlertRow> previous = samePeers ? before.inSourceOrder() : List.of();
        List<AlertRow> inOrder = new ArrayList<>(alerts.size());
        Map<DedupedAlert, AlertRow> previousByAlert = null;
        // Rows whose alert changed in place (same position, same labels: another state, time or holder), old and new.
        List<AlertRow[]> replaced = new ArrayList<>();
        boolean inPlace = alerts.size() == previous.size() && !previous.isEmpty();
        int kept = 0;
        for (int i = 0; i < alerts.size(); i++) {
            DedupedAlert alert = alerts.get(i);
            // The sources compared first: two arrays of references, read in order, no row touched.
            AlertRow row = i < previousSource.size() && previousSource.get(i) == alert ? previous.get(i) : null;
            if (row == null && inPlace && previous.get(i).alert().alert().labels().equals(alert.alert().labels())) {
                AlertRow made = AlertRow.of(alert, peers);
                replaced.add(new AlertRow[] {previous.get(i), made});
                inOrder.add(made);
                continue;
            }
            if (row == null && !previous.isEmpty()) {
                inPlace = false;
                if (previousByAlert == null) {
                    previousByAlert = new IdentityHashMap<>(previous.size());
                    for (AlertRow r : previous) {
                        previousByAlert.put(r.alert(), r);
                    }
                }
                row = previousByAlert.get(alert);
            }
            if (row == null) {
                row = AlertRow.of(alert, peers);
            } else {
                kept++;
            }
            inOrder.add(row);
        }
        Rows rows;
        if (kept == alerts.size() && kept == previous.size() && !previous.isEmpty()) {
            rows = new Rows(alerts, peers, before.inSourceOrder(), before.sorted(), before.labelValues());
        } else if (inPlace && replaced.size() <= alerts.size() / 4) {
            // Same labels, so the same place in the order (name, then labels) and the same label values: each new row
            // takes its old row's place; no sort, no index.
            List<AlertRow> sorted = inPlace(before.sorted(), replaced);
            rows = sorted == null ? fromScratch(alerts, peers, inOrder) : new Rows(alerts, peers, inOrder, sorted, before.labelValues());
        } else {
            rows = fromScratch(alerts, peers, inOrder);
        }
        last = rows;
        return rows;
    }

    private static Rows fromScratch(List<DedupedAlert> alerts, int peers, List<AlertRow> inOrder) {
        List<AlertRow> sorted = inOrder.stream().sorted(AlertsViewModel.ORDER).toList();
        return new Rows(alerts, peers, inOrder, sorted, AlertsViewModel.labelValues(sorted));
    }

    /** {@code sorted} with each replaced row in its old row's place; null when an old row is not where its order says. */
    private static List<AlertRow> inPlace(List<AlertRow> sorted, List<AlertRow[]> replaced) {
        AlertRow[] rows = sorted.toArray(AlertRow[]::new);
        for (AlertRow[] change : replaced) {
            int at = java.util.Collections.binarySearch(sorted, change[0], AlertsViewModel.ORDER);
            if (at < 0 || rows[at] != change[0] || AlertsViewModel.ORDER.compare(change[0], change[1]) != 0) {
                return null;
            }
            rows[at] = change[1];
        }
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(rows));
    }
}
