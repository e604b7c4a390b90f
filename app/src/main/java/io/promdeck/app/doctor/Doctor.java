package io.promdeck.app.doctor;

import io.promdeck.app.live.PrometheusRole;
import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HA doctor: every check over one stack state, as one diagnosis. Pure — the live Overview runs it on each new
 * state, the headless {@code promdeck doctor} after one pass over the endpoints. A new check is one class in this
 * package and one line here.
 */
public final class Doctor {

    /** The checks that compare the replicas of one HA group with each other. */
    private static final List<Check> GROUP_CHECKS = List.of(
            new ReplicasAnswering(),
            new ReplicaLabelDistinct(),
            new ReplicaConfigsEqual(),
            new ReplicaReloads(),
            new AlertRelabelDropsReplica(),
            new AlertmanagersDiscovered(),
            new PrometheusNotifications(),
            new RuleEvaluations(),
            new TargetsDownEqual());
    /** The checks of the rest: the mesh, the Prometheus that are not replicas, Thanos. */
    private static final List<Check> STACK_CHECKS = List.of(
            new PrometheusRoles(),
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

    /**
     * Every check over the state. A stack with several HA groups (data centres, shards) has its replicas compared
     * within each group — each group's findings carry its name — and its other Prometheus (a global one, agents, a
     * receiver, a reader) judged by {@link PrometheusRoles}; the mesh and Thanos checks see the replicas of every group.
     */
    /** The diagnosis of a stack run by prometheus-operator: the HA checks, then what its resources say. */
    public static Diagnosis diagnose(StackState state, Instant now, java.util.Optional<io.promdeck.app.operator.OperatorResources.Reading> operator) {
        Diagnosis base = diagnose(state, now);
        if (operator.isEmpty()) {
            return base;
        }
        List<Finding> findings = new ArrayList<>(base.findings());
        findings.addAll(OperatorChecks.findings(operator.get(), state));
        return new Diagnosis(findings, base.at(), base.replicaLabel());
    }

    public static Diagnosis diagnose(StackState state, Instant now) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> groups = groups(state);
        List<String> replicas = groups.values().stream().flatMap(List::stream).toList();
        boolean plain = groups.size() <= 1 && replicas.size() == state.replicas().size() && state.shape().roles().values().stream()
                .allMatch(r -> r == PrometheusRole.REPLICA);
        if (plain) {
            Facts facts = new Facts(state, now);
            GROUP_CHECKS.forEach(check -> check.check(facts).ifPresent(findings::add));
        } else {
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                Facts facts = new Facts(state.onlyPrometheus(group.getValue()), now);
                for (Check check : GROUP_CHECKS) {
                    check.check(facts).map(f -> groups.size() > 1 ? inGroup(f, group.getKey()) : f).ifPresent(findings::add);
                }
            }
        }
        Facts stack = new Facts(plain ? state : state.onlyPrometheus(replicas), now);
        Facts whole = new Facts(state, now);
        for (Check check : STACK_CHECKS) {
            check.check(check instanceof PrometheusRoles ? whole : stack).ifPresent(findings::add);
        }
        return new Diagnosis(findings, now, state.replicaLabel());
    }

    /** The replicas by HA group, in the order the stack lists them; the one group is named "". */
    static Map<String, List<String>> groups(StackState state) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>(state.replicas().keySet());
        names.addAll(state.shape().groups().keySet());
        for (String name : names) {
            if (state.shape().role(name) == PrometheusRole.REPLICA) {
                groups.computeIfAbsent(state.shape().group(name), g -> new ArrayList<>()).add(name);
            }
        }
        return groups;
    }

    /** A group's finding: its id and title name the group ("prometheus.config[dc1]", "Replicas run the same configuration — dc1"). */
    private static Finding inGroup(Finding f, String group) {
        return new Finding(f.id() + "[" + group + "]", f.title() + " — " + group, f.verdict(), f.summary(), f.subjects(), f.evidence(), f.action());
    }
}
