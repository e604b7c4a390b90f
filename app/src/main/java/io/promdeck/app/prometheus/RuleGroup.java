package io.promdeck.app.prometheus;

import java.util.List;

/** A rule group from {@code /api/v1/rules}. */
public record RuleGroup(String name, String file, double interval, List<Rule> rules) {

    public RuleGroup {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** One alerting or recording rule; {@code state} is set for alerting rules only (firing, pending, inactive). */
    public record Rule(String name, String type, String query, String health, String lastError, String state) {
        public boolean alerting() {
            return "alerting".equals(type);
        }

        public boolean healthy() {
            return !"err".equals(health);
        }
    }
}
