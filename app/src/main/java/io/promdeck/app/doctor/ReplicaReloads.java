package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last configuration reload succeeded on every replica (a failed one leaves it on the previous configuration). */
final class ReplicaReloads implements Check {

    static final String ID = "prometheus.reload";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        FindingBuilder f = FindingBuilder.of(ID, "Last reload succeeded");
        fresh.forEach((name, s) -> f.evidence(name, s.reloadSuccess() ? "last reload succeeded (config loaded " + s.lastConfigTime() + ")"
                : "last reload FAILED; running the configuration loaded " + s.lastConfigTime()));
        List<String> failed = fresh.entrySet().stream().filter(e -> !e.getValue().reloadSuccess()).map(Map.Entry::getKey).toList();
        failed.forEach(name -> f.subject(Facts.node("prometheus", name)));
        if (!failed.isEmpty()) {
            return f.fail(String.join(", ", failed) + ": the last reload failed, so " + (failed.size() == 1 ? "it runs" : "they run")
                    + " an older configuration than the one mounted", "Fix the configuration (its error is in the Prometheus panel) and reload.");
        }
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("No replica answers", "Bring the replicas back.");
        }
        List<io.promdeck.app.doctor.Evidence> missing = Facts.missing(facts.state().replicas());
        if (!missing.isEmpty()) {
            return f.evidence(missing).unknown("The answering replicas reloaded successfully; the others are unknown", "Bring the replicas back.");
        }
        return f.ok("The last reload succeeded on every replica");
    }
}
