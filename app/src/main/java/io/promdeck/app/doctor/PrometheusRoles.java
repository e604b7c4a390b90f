package io.promdeck.app.doctor;

import io.promdeck.app.live.PrometheusRole;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.prometheus.TargetSummary;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus that are not HA replicas do their part: a global Prometheus federates from every data centre or
 * shard, agents and replicas with remote storage get their samples written, a receiver or reader answers. Absent on a
 * stack of replicas only.
 */
final class PrometheusRoles implements Check {

    static final String ID = "prometheus.roles";
    static final String FAILED_SAMPLES = "prometheus_remote_storage_samples_failed_total";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, Snapshot<ReplicaStatus>> others = new LinkedHashMap<>();
        Map<String, Snapshot<ReplicaStatus>> writers = new LinkedHashMap<>();
        facts.state().replicas().forEach((name, s) -> {
            if (facts.state().shape().role(name) != PrometheusRole.REPLICA) {
                others.put(name, s);
            }
            if (s.value().map(v -> !v.config().yaml().isEmpty() && v.config().yaml().contains("remote_write:")).orElse(false)) {
                writers.put(name, s);
            }
        });
        if (others.isEmpty() && writers.isEmpty()) {
            return Optional.empty();
        }
        FindingBuilder f = FindingBuilder.of(ID, "Global, agents and remote storage");
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, Snapshot<ReplicaStatus>> e : others.entrySet()) {
            String name = e.getKey();
            String role = facts.state().shape().role(name).name().toLowerCase(Locale.ROOT);
            f.subject(Facts.node("prometheus", name));
            Snapshot<ReplicaStatus> s = e.getValue();
            if (!s.fresh() || s.value().isEmpty()) {
                f.evidence(Facts.missing(Map.of(name, s)));
                worst = worst.worse(s.value().isEmpty() && s.error().isEmpty() ? Verdict.UNKNOWN : Verdict.FAIL);
                continue;
            }
            ReplicaStatus status = s.value().get();
            f.evidence(name, role + ", answers (Prometheus " + status.version() + (status.agent() ? ", agent mode" : "") + ")");
            if (!status.reloadSuccess()) {
                f.evidence(name, "its last configuration reload failed");
                worst = worst.worse(Verdict.FAIL);
            }
            TargetSummary.JobTargets federate = status.targets().jobs().get("federate");
            if (federate != null && federate.down() > 0) {
                f.evidence(name, "cannot federate from " + String.join(", ", federate.downTargets()));
                worst = worst.worse(Verdict.FAIL);
            } else if (federate != null) {
                f.evidence(name, "federates from " + federate.up() + " Prometheus");
            }
        }
        for (Map.Entry<String, Snapshot<ReplicaStatus>> e : writers.entrySet()) {
            if (!e.getValue().fresh()) {
                continue;
            }
            ReplicaStatus status = e.getValue().value().get();
            var judged = CounterVerdicts.judge(status.metrics(), FAILED_SAMPLES, Map.of(), "samples failed to be written to remote storage", facts);
            f.evidence(e.getKey(), "remote write: " + judged.text());
            if (judged.verdict() != Verdict.OK) {
                f.subject(Facts.node("prometheus", e.getKey()));
                worst = worst.worse(judged.verdict());
            }
        }
        return switch (worst) {
            case FAIL -> f.fail("A Prometheus outside the HA pairs does not do its part (see the evidence)",
                    "Bring it back, or fix what it writes to or federates from; its log says why.");
            case WARN -> f.warn("Remote writes failed earlier", "Watch whether the failures continue; the writer's log names the endpoint.");
            case UNKNOWN -> f.unknown("Not every Prometheus has answered yet", "Wait for the next refresh.");
            default -> f.ok(others.isEmpty() ? "Remote storage receives the samples"
                    : "Every Prometheus outside the HA pairs answers" + (writers.isEmpty() ? "" : ", and remote storage receives the samples"));
        };
    }
}
