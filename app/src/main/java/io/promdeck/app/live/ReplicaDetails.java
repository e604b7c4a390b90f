package io.promdeck.app.live;

import io.promdeck.app.prometheus.DiscoveredAlertmanagers;
import io.promdeck.app.prometheus.RuleGroup;
import java.util.List;

/** What a replica reports less often (the HA doctor's slower facts): the Alertmanagers it sends to, its rules. */
public record ReplicaDetails(DiscoveredAlertmanagers alertmanagers, List<RuleGroup> rules) {

    public ReplicaDetails {
        rules = List.copyOf(rules);
    }
}
