package io.promdeck.app.prometheus;

import java.util.List;
import java.util.Map;

/** A rule group from {@code /api/v1/rules}. */
public record RuleGroup(String name, String file, double interval, List<Rule> rules) {

    public RuleGroup {
        rules = List.copyOf(rules);
    }

    /**
     * One alerting or recording rule; {@code state} is set for alerting rules only (firing, pending, inactive).
     *
     * @param firing      how many of the rule's alerts are firing now (alerting rules)
     * @param duration    an alerting rule's {@code for}, in seconds (0 for recording rules)
     * @param annotations an alerting rule's annotations
     */
    public record Rule(String name, String type, String query, String health, String lastError, String state, Map<String, String> labels,
            int firing, double duration, Map<String, String> annotations) {

        public Rule {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }

        public Rule(String name, String type, String query, String health, String lastError, String state, Map<String, String> labels,
                int firing) {
            this(name, type, query, health, lastError, state, labels, firing, 0, Map.of());
        }

        public boolean alerting() {
            return "alerting".equals(type);
        }

        public boolean healthy() {
            return !"err".equals(health);
        }
    }
}
