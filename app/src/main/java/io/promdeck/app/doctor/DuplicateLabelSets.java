package io.promdeck.app.doctor;

import io.promdeck.app.thanos.StoreSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** No two stores of one kind announce the same label set: Thanos would merge two sources as if they were one. */
final class DuplicateLabelSets implements Check {

    static final String ID = "thanos.duplicates";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        FindingBuilder f = FindingBuilder.of(ID, "No duplicate label sets");
        Optional<Map.Entry<String, StoreSet>> stores = ThanosFacts.stores(facts);
        if (stores.isEmpty()) {
            return ThanosFacts.noQuery(f, facts);
        }
        boolean any = false;
        for (String type : stores.get().getValue().byType().keySet()) {
            for (Map.Entry<Map<String, String>, List<String>> dup : stores.get().getValue().duplicateLabelSets(type).entrySet()) {
                any = true;
                f.evidence(type, dup.getKey() + " announced by " + String.join(", ", dup.getValue()));
                f.subject(Facts.node("thanos", "query"));
            }
        }
        if (any) {
            return f.fail("Stores of one kind announce the same labels: Thanos treats them as one source and drops data",
                    "Give each replica a distinct replica label (the sidecars announce the replicas' external labels).");
        }
        return f.ok("Every store announces its own label set");
    }
}
