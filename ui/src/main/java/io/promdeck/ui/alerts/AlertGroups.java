package io.promdeck.ui.alerts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The alerts table's groups: what they are made of (label names, or the receivers), their lines and their counts. Pure. */
final class AlertGroups {

    /** The label names Karma offers to group by, first. */
    static final List<String> CHOICES = List.of("alertname", "severity", "namespace", "cluster", "receiver", "severity, namespace");
    static final String DEFAULT_GROUP_BY = "alertname";
    /** Not a label: the receivers Alertmanager routed the alert to. */
    static final String RECEIVER = "receiver";

    /**
     * Rows counted by group: each group's line with its count ("DiskFull (12)"), in line order; the label values behind
     * each such line (to filter to it); the lines without counts; and the rows by state.
     */
    record Counted(List<String> groups, Map<String, Map<String, String>> matchers, Set<String> lines, long active, long suppressed,
            long inhibited) {
    }

    private AlertGroups() {
    }

    /** The label names a "group by" text names ("severity, namespace"); alertname when it names none. */
    static List<String> labels(String text) {
        List<String> labels = Arrays.stream((text == null ? "" : text).split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        return labels.isEmpty() ? List.of(DEFAULT_GROUP_BY) : labels;
    }

    /** "DiskFull" for one label, "critical · monitoring" for several; a missing value shows as "label=—". */
    static String line(Map<String, String> values) {
        List<String> parts = values.entrySet().stream().map(e -> e.getValue().isEmpty() ? e.getKey() + "=—" : e.getValue()).toList();
        return String.join(" · ", parts);
    }

    /** A group's line without its count: "DiskFull (12)" is "DiskFull". */
    static String lineOf(String group) {
        int count = group.lastIndexOf(" (");
        return count < 0 ? group : group.substring(0, count);
    }

    /** A row's values of the labels, in their order. */
    static Map<String, String> values(AlertRow row, List<String> labels) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String label : labels) {
            values.put(label, value(row, label));
        }
        return values;
    }

    /** One pass over the rows, counting by the group's values (a value or a list of them); each line is made once per group. */
    static Counted count(List<AlertRow> rows, List<String> labels) {
        Map<Object, long[]> byValues = new HashMap<>();
        long active = 0;
        long suppressed = 0;
        long inhibited = 0;
        for (AlertRow row : rows) {
            Object key = labels.size() == 1 ? value(row, labels.get(0)) : key(row, labels);
            long[] count = byValues.get(key);
            if (count == null) {
                byValues.put(key, count = new long[1]);
            }
            count[0]++;
            switch (row.state()) {
                case "active" -> active++;
                case "suppressed" -> suppressed++;
                case "inhibited" -> inhibited++;
                default -> { }
            }
        }
        Map<String, Long> byLine = new TreeMap<>();
        Map<String, Map<String, String>> valuesByLine = new HashMap<>();
        byValues.forEach((key, count) -> {
            Map<String, String> values = new LinkedHashMap<>();
            List<?> list = key instanceof List<?> l ? l : List.of(key);
            for (int i = 0; i < labels.size(); i++) {
                values.put(labels.get(i), (String) list.get(i));
            }
            String line = line(values);
            byLine.merge(line, count[0], Long::sum);
            valuesByLine.putIfAbsent(line, values);
        });
        List<String> groups = byLine.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        Map<String, Map<String, String>> matchers = new HashMap<>();
        valuesByLine.forEach((line, values) -> matchers.put(line + " (" + byLine.get(line) + ")", values));
        return new Counted(groups, matchers, byLine.keySet(), active, suppressed, inhibited);
    }

    private static String value(AlertRow row, String label) {
        return RECEIVER.equals(label) ? row.receivers() : row.labelMap().getOrDefault(label, "");
    }

    private static List<String> key(AlertRow row, List<String> labels) {
        String[] values = new String[labels.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(row, labels.get(i));
        }
        return List.of(values);
    }
}
