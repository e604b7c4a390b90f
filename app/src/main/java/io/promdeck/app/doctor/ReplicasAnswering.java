package io.promdeck.app.doctor;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import java.util.Map;
import java.util.Optional;

/** At least two Prometheus replicas answer, as many as the deployment asks for. */
final class ReplicasAnswering implements Check {

    static final String ID = "prometheus.replicas";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, Snapshot<ReplicaStatus>> replicas = facts.state().replicas();
        int expected = Math.max(facts.expected(Component.PROMETHEUS), replicas.size());
        Map<String, ReplicaStatus> fresh = Facts.fresh(replicas);
        FindingBuilder f = FindingBuilder.of(ID, "Prometheus replicas answering");
        replicas.keySet().forEach(name -> f.subject(Facts.node("prometheus", name)));
        fresh.forEach((name, s) -> f.evidence(name, "answers (Prometheus " + s.version() + ")"));
        f.evidence(Facts.missing(replicas));
        if (replicas.isEmpty()) {
            return f.fail("No Prometheus replica was found" + (expected > 0 ? " (the deployment asks for " + expected + ")" : ""),
                    "Check that the Prometheus pods run and that discovery finds them (Connect → discovery override).");
        }
        if (expected < 2) {
            return f.fail("Only one Prometheus replica is deployed: a restart or a crash leaves the stack without one",
                    "Scale the Prometheus StatefulSet to at least 2 replicas.");
        }
        if (replicas.values().stream().allMatch(s -> s.freshness() == io.promdeck.app.live.Freshness.PENDING)) {
            return f.unknown("No replica has answered yet", "Wait for the first refresh.");
        }
        if (fresh.size() < 2) {
            return f.fail(fresh.size() + " of " + expected + " replicas answer: the stack is not highly available now",
                    "Bring the replicas that do not answer back (see their errors); until then one failure loses the monitoring.");
        }
        if (fresh.size() < expected) {
            return f.warn(fresh.size() + " of " + expected + " replicas answer", "Bring the replicas that do not answer back.");
        }
        return f.ok(Facts.all(expected) + " replicas answer");
    }
}
