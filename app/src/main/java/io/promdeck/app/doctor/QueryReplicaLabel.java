package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaLabel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Thanos Query deduplicates on the replica label the replicas really differ in ({@code --query.replica-label}). */
final class QueryReplicaLabel implements Check {

    static final String ID = "thanos.query-replica-label";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        FindingBuilder f = FindingBuilder.of(ID, "Query deduplicates on the replica label").subject(Facts.node("thanos", "query"));
        Map<String, Map<String, String>> flags = Facts.fresh(facts.state().details().queryFlags());
        ReplicaLabel label = facts.replicaLabel();
        if (flags.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().details().queryFlags())).unknown("Thanos Query's flags could not be read",
                    "Bring Thanos Query back; its flags say which label it deduplicates on.");
        }
        if (!label.known()) {
            return f.unknown("The replica label is not known", "Give the replicas distinct replica labels first.");
        }
        boolean wrong = false;
        for (Map.Entry<String, Map<String, String>> query : flags.entrySet()) {
            List<String> labels = parse(query.getValue().getOrDefault("query.replica-label", ""));
            f.evidence(query.getKey(), "--query.replica-label " + labels);
            if (!labels.contains(label.name())) {
                wrong = true;
            }
        }
        if (wrong) {
            return f.fail("Thanos Query does not deduplicate on '" + label.name() + "': every series shows once per replica",
                    "Start Thanos Query with --query.replica-label=" + label.name() + ".");
        }
        return f.ok("Query deduplicates on '" + label.name() + "'");
    }

    /** The flag's value as Query serves it: "replica", "[replica rule_replica]" or "replica,rule_replica". */
    static List<String> parse(String value) {
        String inner = value.strip().replaceAll("^\\[|\\]$", "");
        return Arrays.stream(inner.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
