package io.promdeck.app.doctor;

import io.promdeck.app.live.StackState;
import io.promdeck.app.operator.OperatorResources;
import io.promdeck.app.operator.OperatorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's checks of a stack run by prometheus-operator: the operator's own reconcile errors, monitors that select
 * nothing, failing rules of PrometheusRules, and whether its resources could be read at all. (Pods the resources ask
 * for but that do not answer are the replicas check's: its expected counts come from the resources.)
 */
final class OperatorChecks {

    private OperatorChecks() {
    }

    static List<Finding> findings(OperatorResources.Reading reading, StackState state) {
        List<Finding> out = new ArrayList<>();
        if (reading instanceof OperatorResources.Forbidden forbidden) {
            FindingBuilder.of("operator.access", "prometheus-operator's resources readable").evidence("", forbidden.sentence())
                    .unknown("The operator's resources could not be read: replicas and the replica label come from the pods",
                            "Grant get/list on monitoring.coreos.com resources in the namespace (a Role), then reconnect")
                    .ifPresent(out::add);
            return out;
        }
        if (!(reading instanceof OperatorResources.Read read)) {
            return out;
        }
        reconcile(read).ifPresent(out::add);
        monitors(read, state).ifPresent(out::add);
        rules(read, state).ifPresent(out::add);
        return out;
    }

    private static Optional<Finding> reconcile(OperatorResources.Read read) {
        FindingBuilder b = FindingBuilder.of("operator.reconcile", "The operator reconciles its resources");
        read.reconcileProblems().forEach(p -> b.evidence("", p));
        if (read.reconcileProblems().isEmpty()) {
            return b.ok("Every Prometheus and Alertmanager resource is reconciled");
        }
        return b.fail(read.reconcileProblems().size() + " resource condition(s) not True: " + read.reconcileProblems().get(0),
                "Read the operator's log (Logs panel, the prometheus-operator pod) for the resource named; fix its spec");
    }

    private static Optional<Finding> monitors(OperatorResources.Read read, StackState state) {
        if (read.monitors().isEmpty()) {
            return Optional.empty();
        }
        List<OperatorView.MonitorRow> rows = OperatorView.monitors(read, state);
        FindingBuilder b = FindingBuilder.of("operator.monitors", "Every monitor selects targets");
        if (rows.stream().allMatch(r -> r.problem().startsWith("unknown"))) {
            return b.unknown("No replica answered: which monitors produce targets is unknown", "See the replicas check");
        }
        List<OperatorView.MonitorRow> empty = rows.stream().filter(r -> r.problem().startsWith("selects nothing") || r.problem().startsWith("not selected")).toList();
        empty.forEach(r -> b.subject(r.monitor().kind() + "/" + r.monitor().name()).evidence(r.monitor().kind() + "/" + r.monitor().name(), r.problem()));
        if (empty.isEmpty()) {
            return b.ok("All " + rows.size() + " monitors have scrape pools on the replicas");
        }
        return b.warn(empty.size() + " of " + rows.size() + " monitors select nothing or are not selected: " + empty.stream()
                        .map(r -> r.monitor().name()).limit(3).reduce((x, y) -> x + ", " + y).orElse(""),
                "Compare the monitor's selector and namespaceSelector with the Service's (or Pod's) labels, and the Prometheus resource's "
                        + "serviceMonitorSelector with the monitor's labels (kube-prometheus-stack selects release=<release name>)");
    }

    private static Optional<Finding> rules(OperatorResources.Read read, StackState state) {
        if (read.rules().isEmpty()) {
            return Optional.empty();
        }
        List<OperatorView.RuleRow> rows = OperatorView.rules(read, state);
        FindingBuilder b = FindingBuilder.of("operator.rules", "PrometheusRules evaluate");
        List<OperatorResources.Rules> unselected = read.rules().stream().filter(r -> !r.notSelected().isEmpty()).toList();
        unselected.forEach(r -> b.subject("PrometheusRule/" + r.name()).evidence("PrometheusRule/" + r.name(), r.notSelected()));
        boolean failingRules = rows.stream().anyMatch(r -> "err".equals(r.health()));
        if (!unselected.isEmpty() && !failingRules) {
            return b.warn(unselected.size() + " of " + read.rules().size() + " PrometheusRules are loaded by no Prometheus: "
                            + unselected.get(0).name() + " — " + unselected.get(0).notSelected(),
                    "Label the PrometheusRule as the Prometheus resource's ruleSelector asks (kube-prometheus-stack: release=<release name>)");
        }
        if (rows.isEmpty()) {
            return b.unknown("No replica answered with the rules of the PrometheusRules (or none is loaded yet)",
                    "Check the Prometheus resource's ruleSelector matches the PrometheusRules' labels");
        }
        List<OperatorView.RuleRow> failing = rows.stream().filter(r -> "err".equals(r.health())).toList();
        failing.forEach(r -> b.subject(r.replica()).evidence(r.replica(), r.resource().name() + " / " + r.rule() + ": " + r.lastError()));
        if (failing.isEmpty()) {
            return b.ok(rows.stream().map(OperatorView.RuleRow::rule).distinct().count() + " rules of " + read.rules().size()
                    + " PrometheusRules evaluate without error");
        }
        return b.fail(failing.size() + " rule evaluations fail, e.g. " + failing.get(0).rule() + ": " + failing.get(0).lastError(),
                "Fix the expression in the PrometheusRule named (promtool check rules on its groups)");
    }
}
