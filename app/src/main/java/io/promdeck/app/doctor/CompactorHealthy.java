package io.promdeck.app.doctor;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.live.Snapshot;
import java.util.Map;
import java.util.Optional;

/** Exactly one compactor runs against the bucket, and it has not halted (it halts on a problem it cannot fix alone). */
final class CompactorHealthy implements Check {

    static final String ID = "thanos.compactor";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        Map<String, Snapshot<MetricsWindow>> compactors = facts.state().details().components(Component.THANOS_COMPACTOR);
        int expected = Math.max(facts.expected(Component.THANOS_COMPACTOR), compactors.size());
        FindingBuilder f = FindingBuilder.of(ID, "Compactor running alone").subject(Facts.node("thanos", "compactor"));
        if (expected == 0) {
            return f.warn("No compactor runs: blocks are never compacted, downsampled or deleted past retention",
                    "Run one Thanos Compactor against the bucket (a StatefulSet with 1 replica).");
        }
        if (expected > 1) {
            return f.fail(expected + " compactors run against one bucket: they overwrite each other's work",
                    "Run exactly one compactor (scale it to 1 replica).");
        }
        Map<String, MetricsWindow> fresh = Facts.fresh(compactors);
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(compactors)).unknown("The compactor's metrics could not be read", "Bring the compactor back.");
        }
        for (Map.Entry<String, MetricsWindow> c : fresh.entrySet()) {
            double halted = c.getValue().current().value("thanos_compact_halted").orElse(Double.NaN);
            f.evidence(c.getKey(), Double.isNaN(halted) ? "thanos_compact_halted not exported" : "thanos_compact_halted " + (long) halted);
            if (halted == 1) {
                return f.fail("The compactor has halted: nothing is compacted or deleted until it is fixed",
                        "Read the compactor's log for the reason (often overlapping blocks), fix it, restart the compactor.");
            }
        }
        return f.ok("One compactor runs and has not halted");
    }
}
