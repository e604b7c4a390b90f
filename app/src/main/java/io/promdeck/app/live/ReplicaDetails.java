package io.promdeck.app.live;

import io.promdeck.app.prometheus.DiscoveredAlertmanagers;
import io.promdeck.app.prometheus.RuleGroup;
import java.util.List;

/**
 * What a replica reports less often (the HA doctor's slower facts): the Alertmanagers it sends to, its rules, and what
 * it recorded of the stack's error counters (empty when it does not scrape them, or the queries failed).
 */
public record ReplicaDetails(DiscoveredAlertmanagers alertmanagers, List<RuleGroup> rules, java.util.Optional<CounterHistory> history) {

    public ReplicaDetails {
        rules = List.copyOf(rules);
    }

    public ReplicaDetails(DiscoveredAlertmanagers alertmanagers, List<RuleGroup> rules) {
        this(alertmanagers, rules, java.util.Optional.empty());
    }
}
