package io.promdeck.app.doctor;

import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The HA doctor: every check over one stack state, as one diagnosis. Pure — the live Overview runs it on each new
 * state, the headless {@code promdeck doctor} after one pass over the endpoints. A new check is one class in this
 * package and one line here.
 */
public final class Doctor {

    private static final List<Check> CHECKS = List.of(
            new ReplicasAnswering(),
            new ReplicaLabelDistinct(),
            new ReplicaConfigsEqual(),
            new ReplicaReloads(),
            new AlertRelabelDropsReplica(),
            new AlertmanagersDiscovered(),
            new PrometheusNotifications(),
            new RuleEvaluations(),
            new TargetsDownEqual(),
            new PeerMeshComplete(),
            new PeersSettled(),
            new PeerConfigsEqual(),
            new SilencesEqual(),
            new PeerNotifications(),
            new SidecarPerReplica(),
            new DuplicateLabelSets(),
            new QueryReplicaLabel(),
            new StoreGatewayCoverage(),
            new CompactorHealthy(),
            new SidecarUploads());

    private Doctor() {
    }

    public static Diagnosis diagnose(StackState state, Instant now) {
        Facts facts = new Facts(state, now);
        List<Finding> findings = new ArrayList<>();
        for (Check check : CHECKS) {
            check.check(facts).ifPresent(findings::add);
        }
        return new Diagnosis(findings, now, state.replicaLabel());
    }
}
