package io.promdeck.app.operator;

import io.promdeck.app.live.ReplicaDetails;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.prometheus.TargetSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An operator-run stack seen through its resources: each monitor's scrape pools and targets on each replica, each
 * PrometheusRule's groups and rules with their health. Built from the replicas' fresh answers only; a replica that
 * did not answer is named, never counted as "0 targets".
 */
public final class OperatorView {

    private OperatorView() {
    }

    /** A monitor's targets on one replica that answered: up, down, and the distinct last errors. */
    public record Targets(String replica, int up, int down, int unknown, List<String> errors) {
        public Targets {
            errors = List.copyOf(errors);
        }
    }

    /**
     * One monitor: its scrape pools (as Prometheus names them), per answering replica its targets, the replicas that
     * did not answer, and why it is flagged ("" when it is not).
     */
    public record MonitorRow(OperatorResources.Monitor monitor, List<String> pools, List<Targets> targets, List<String> unknownOn, String problem) {
        public MonitorRow {
            pools = List.copyOf(pools);
            targets = List.copyOf(targets);
            unknownOn = List.copyOf(unknownOn);
        }
    }

    /** One rule of a PrometheusRule as one replica evaluates it. */
    public record RuleRow(OperatorResources.Rules resource, String group, String rule, String replica, String health, String lastError,
            int firing) {
    }

    public static List<MonitorRow> monitors(OperatorResources.Read read, StackState state) {
        // By replica name: the state's order is the order the answers came in.
        Map<String, TargetSummary> answered = new java.util.TreeMap<>();
        List<String> silent = new ArrayList<>();
        new java.util.TreeMap<>(state.replicas()).forEach((replica, snapshot) -> {
            if (snapshot.fresh() && snapshot.value().isPresent()) {
                answered.put(replica, snapshot.value().map(ReplicaStatus::targets).orElseThrow());
            } else {
                silent.add(replica);
            }
        });
        List<MonitorRow> rows = new ArrayList<>();
        for (OperatorResources.Monitor monitor : read.monitors()) {
            String prefix = monitor.poolPrefix();
            List<String> pools = new ArrayList<>();
            List<Targets> targets = new ArrayList<>();
            answered.forEach((replica, summary) -> {
                int up = 0;
                int down = 0;
                int unknown = 0;
                List<String> errors = new ArrayList<>();
                for (TargetSummary.JobTargets job : summary.jobs().values()) {
                    if (job.job().startsWith(prefix)) {
                        if (!pools.contains(job.job())) {
                            pools.add(job.job());
                        }
                        up += job.up();
                        down += job.down();
                        unknown += job.unknown();
                        job.errors().stream().filter(e -> !errors.contains(e)).forEach(errors::add);
                    }
                }
                targets.add(new Targets(replica, up, down, unknown, errors));
            });
            String problem = "";
            if (answered.isEmpty()) {
                problem = "unknown: no replica answered";
            } else if (pools.isEmpty() && !monitor.notSelected().isEmpty()) {
                problem = monitor.notSelected();
            } else if (pools.isEmpty()) {
                problem = "selects nothing: no scrape pool " + prefix + "… on any replica that answered — its selector or namespace "
                        + "selector matches no " + (monitor.kind().equals("PodMonitor") ? "Pod" : "Service")
                        + ", or no Prometheus resource selects the monitor";
            } else if (targets.stream().anyMatch(t -> t.down() > 0)) {
                problem = "targets down";
            }
            rows.add(new MonitorRow(monitor, pools, targets, silent, problem));
        }
        return rows;
    }

    /**
     * The rules of each PrometheusRule, matched to the groups Prometheus loaded from the operator's rule file for it
     * ({@code …/<namespace>-<name>-<uid>.yaml}), per replica that answered.
     */
    public static List<RuleRow> rules(OperatorResources.Read read, StackState state) {
        List<RuleRow> rows = new ArrayList<>();
        for (Map.Entry<String, Snapshot<ReplicaDetails>> entry : new java.util.TreeMap<>(state.details().replicas()).entrySet()) {
            Snapshot<ReplicaDetails> snapshot = entry.getValue();
            if (!snapshot.fresh() || snapshot.value().isEmpty()) {
                continue;
            }
            for (RuleGroup group : snapshot.value().get().rules()) {
                for (OperatorResources.Rules resource : read.rules()) {
                    if (fileOf(group.file(), resource) && resource.groups().contains(group.name())) {
                        for (RuleGroup.Rule rule : group.rules()) {
                            rows.add(new RuleRow(resource, group.name(), rule.name(), entry.getKey(), rule.health(), rule.lastError(), rule.firing()));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Whether Prometheus loaded the group from the rule file the operator writes for this resource. */
    static boolean fileOf(String file, OperatorResources.Rules resource) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.startsWith(resource.namespace() + "-" + resource.name() + "-") || name.equals(resource.namespace() + "-" + resource.name() + ".yaml");
    }
}
