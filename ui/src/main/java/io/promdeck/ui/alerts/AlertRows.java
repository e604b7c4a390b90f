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
        List<AlertRow> previous = peers == before.peers() ? before.inSourceOrder() : List.of();
        List<AlertRow> inOrder = new ArrayList<>(alerts.size());
        Map<DedupedAlert, AlertRow> previousByAlert = null;
        int kept = 0;
        for (int i = 0; i < alerts.size(); i++) {
            DedupedAlert alert = alerts.get(i);
            AlertRow row = i < previous.size() && previous.get(i).alert() == alert ? previous.get(i) : null;
            if (row == null && !previous.isEmpty()) {
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
        } else {
            List<AlertRow> sorted = inOrder.stream().sorted(AlertsViewModel.ORDER).toList();
            rows = new Rows(alerts, peers, inOrder, sorted, AlertsViewModel.labelValues(sorted));
        }
        last = rows;
        return rows;
    }
}
