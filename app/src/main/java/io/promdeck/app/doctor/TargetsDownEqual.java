package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.prometheus.TargetSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The replicas see the same targets down, job by job: a target only some replicas can reach makes their data differ,
 * and the Thanos deduplication picks whichever replica it likes.
 */
final class TargetsDownEqual implements Check {

    static final String ID = "prometheus.targets";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaStatus> fresh = Facts.fresh(facts.state().replicas());
        FindingBuilder f = FindingBuilder.of(ID, "Replicas reach the same targets");
        if (fresh.size() < 2) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("Fewer than two replicas answer: nothing to compare",
                    "Bring the replicas back.");
        }
        Set<String> jobs = new TreeSet<>();
        fresh.values().forEach(s -> jobs.addAll(s.targets().jobs().keySet()));
        boolean differ = false;
        int downEverywhere = 0;
        for (String job : jobs) {
            Map<String, Set<String>> down = new LinkedHashMap<>();
            fresh.forEach((name, s) -> {
                TargetSummary.JobTargets targets = s.targets().jobs().get(job);
                down.put(name, targets == null ? Set.of() : new TreeSet<>(targets.downTargets()));
            });
            Set<String> union = new TreeSet<>();
            down.values().forEach(union::addAll);
            for (String target : union) {
                List<String> missing = down.entrySet().stream().filter(e -> e.getValue().contains(target)).map(Map.Entry::getKey).toList();
                if (missing.size() < fresh.size()) {
                    differ = true;
                    missing.forEach(name -> f.subject(Facts.node("prometheus", name)));
                    f.evidence(job, target + " is down for " + String.join(", ", missing) + " only");
                } else {
                    downEverywhere++;
                    f.evidence(job, target + " is down for every replica");
                }
            }
        }
        if (differ) {
            return f.warn("Some targets are down for some replicas only: the replicas' data differ",
                    "Check what keeps those replicas from reaching the target (network policy, node placement, DNS).");
        }
        return f.ok("Every replica reaches the same targets" + (downEverywhere > 0 ? " (" + downEverywhere + " down for all of them)" : ""));
    }
}
