package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaDetails;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.prometheus.RuleGroup;
import java.util.Map;
import java.util.Optional;

/** Rule evaluations do not fail: a failing alerting rule never fires, whatever happens. */
final class RuleEvaluations implements Check {

    static final String ID = "prometheus.rules";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, ReplicaDetails> details = Facts.fresh(facts.state().details().replicas());
        Map<String, ReplicaStatus> status = Facts.fresh(facts.state().replicas());
        FindingBuilder f = FindingBuilder.of(ID, "Rules evaluate");
        if (details.isEmpty() && status.isEmpty()) {
            return f.evidence(Facts.missing(facts.state().replicas())).unknown("No replica answers", "Bring the replicas back.");
        }
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, ReplicaDetails> replica : details.entrySet()) {
            int rules = 0;
            for (RuleGroup group : replica.getValue().rules()) {
                for (RuleGroup.Rule rule : group.rules()) {
                    rules++;
                    if (!rule.healthy()) {
                        f.evidence(replica.getKey(), group.name() + "/" + rule.name() + ": " + rule.lastError());
                        f.subject(Facts.node("prometheus", replica.getKey()));
                        worst = Verdict.FAIL;
                    }
                }
            }
            f.evidence(replica.getKey(), rules + " rules");
        }
        for (Map.Entry<String, ReplicaStatus> replica : status.entrySet()) {
            var failures = CounterVerdicts.judge(replica.getValue().metrics(), "prometheus_rule_evaluation_failures_total", Map.of(),
                    "rule evaluation failures", facts);
            if (failures.verdict() != Verdict.OK) {
                f.evidence(replica.getKey(), failures.text()).subject(Facts.node("prometheus", replica.getKey()));
                worst = worst.worse(failures.verdict());
            }
        }
        return switch (worst) {
            case FAIL -> f.fail("Some rules fail to evaluate: their alerts cannot fire",
                    "Fix the rule's expression (its error is above) — promtool check rules shows it too — and reload.");
            case WARN -> f.warn("Rule evaluations failed earlier", "Watch whether the failures continue; the replica's log names the rule.");
            default -> details.isEmpty() ? f.unknown("The rules have not been read yet", "Wait for the next refresh.")
                    : f.ok("Every rule evaluates");
        };
    }
}
