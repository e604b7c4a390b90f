package io.promdeck.app.doctor;

import io.promdeck.app.live.Snapshot;
import io.promdeck.app.thanos.StoreSet;
import java.util.Map;
import java.util.Optional;

/** The store set of the first Thanos Query that answers now; Thanos checks are absent when the stack has no Query. */
final class ThanosFacts {

    private ThanosFacts() {
    }

    static boolean present(Facts facts) {
        return !facts.state().stores().isEmpty();
    }

    static Optional<Map.Entry<String, StoreSet>> stores(Facts facts) {
        for (Map.Entry<String, Snapshot<StoreSet>> e : facts.state().stores().entrySet()) {
            if (e.getValue().fresh() && e.getValue().value().isPresent()) {
                return Optional.of(Map.entry(e.getKey(), e.getValue().value().get()));
            }
        }
        return Optional.empty();
    }

    static Optional<Finding> noQuery(FindingBuilder f, Facts facts) {
        return f.evidence(Facts.missing(facts.state().stores())).unknown("Thanos Query does not answer, so its stores are unknown",
                "Bring Thanos Query back.");
    }
}
