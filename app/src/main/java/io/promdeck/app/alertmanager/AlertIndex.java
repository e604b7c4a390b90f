package io.promdeck.app.alertmanager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts' label sets indexed by label name and value, to count what a silence matches without testing every alert:
 * a silence nearly always has an equality matcher with a value (alertname="…", instance="…"), and only the alerts
 * holding that label value can match it. A silence without one is tested against every alert. 10,000 silences over
 * 10,000 alerts: 10,000 small lookups instead of 100 million matcher evaluations.
 */
public final class AlertIndex {

    private final List<Map<String, String>> alerts;
    private final Map<String, Map<String, List<Map<String, String>>>> byLabel = new HashMap<>();

    public AlertIndex(List<Map<String, String>> alerts) {
        this.alerts = List.copyOf(alerts);
        for (Map<String, String> labels : this.alerts) {
            labels.forEach((name, value) -> byLabel.computeIfAbsent(name, n -> new HashMap<>())
                    .computeIfAbsent(value, v -> new java.util.ArrayList<>()).add(labels));
        }
    }

    /** How many of the alerts every matcher matches (Alertmanager's rule: all matchers of a silence). */
    public long count(List<Matcher> matchers) {
        List<Map<String, String>> candidates = alerts;
        for (Matcher m : matchers) {
            // name="value" with a value: only alerts carrying exactly that value can match (an empty value also
            // matches alerts without the label, so it cannot narrow).
            if (m.type() == MatchType.EQUAL && !m.value().isEmpty()) {
                List<Map<String, String>> holding = byLabel.getOrDefault(m.name(), Map.of()).getOrDefault(m.value(), List.of());
                if (holding.size() < candidates.size()) {
                    candidates = holding;
                }
            }
        }
        long count = 0;
        for (Map<String, String> labels : candidates) {
            if (Matchers.allMatch(matchers, labels)) {
                count++;
            }
        }
        return count;
    }
}
