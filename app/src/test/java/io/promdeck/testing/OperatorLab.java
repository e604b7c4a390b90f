package io.promdeck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A lab whose Prometheus replicas are configured as prometheus-operator configures them from kube-prometheus-stack's
 * resources: the operator's replica label {@code prometheus_replica} (dropped on alerts), scrape pools
 * {@code serviceMonitor/monitoring/<name>/0} (one with its targets up, one down), and one rule file per PrometheusRule
 * named {@code <namespace>-<name>-<uid>.yaml}.
 */
public final class OperatorLab {

    public static final String NAMESPACE = "monitoring";
    /** prometheus-operator's default replica label ({@code replicaExternalLabelName} unset). */
    public static final String REPLICA_LABEL = "prometheus_replica";
    public static final String UP_MONITOR = "kube-prometheus-stack-prometheus";
    public static final String DOWN_MONITOR = "kube-prometheus-stack-kubelet";
    public static final String RULES = "kube-prometheus-stack-general.rules";
    public static final String RULE_GROUP = "general.rules";
    /** The uid of the PrometheusRule the rule file was written for (the operator puts it in the file name). */
    public static final String RULES_UID = "5c1e0b6a";

    private static final Path RULES_FILE = write();

    private OperatorLab() {
    }

    /**
     * The rule file the lab's replicas load for the PrometheusRule, named with {@link #RULES_UID}; the replicas load
     * {@code <namespace>-<name>-*.yaml} from its folder, so a test playing the operator writes the file under the uid the
     * API server gave the resource.
     */
    public static Path rulesFile() {
        return RULES_FILE;
    }

    public static LabOptions options() {
        return LabOptions.defaults().withPrometheusConfig(OperatorLab::config, LabConfigs.rules());
    }

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("promdeck-operator-rules");
            return Files.writeString(dir.resolve(NAMESPACE + "-" + RULES + "-" + RULES_UID + ".yaml"), """
                    groups:
                      - name: %s
                        rules:
                          - alert: TargetDown
                            expr: up == 0
                            labels:
                              severity: warning
                          - record: job:up:sum
                            expr: sum by (job) (up)
                    """.formatted(RULE_GROUP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(LabTopology topology, int index) {
        return LabConfigs.prometheus(topology, index)
                .replace("\n    replica: ", "\n    " + REPLICA_LABEL + ": ").replace("regex: replica\n", "regex: " + REPLICA_LABEL + "\n")
                .replace("rule_files:\n  - RULES_FILE\n", "rule_files:\n  - RULES_FILE\n  - " + RULES_FILE.getParent()
                        .resolve(NAMESPACE + "-" + RULES + "-*.yaml") + "\n")
                + """
                  - job_name: serviceMonitor/%s/%s/0
                    static_configs:
                      - targets: [%s]
                  - job_name: serviceMonitor/%s/%s/0
                    static_configs:
                      - targets: ['127.0.0.1:1']
                """.formatted(NAMESPACE, UP_MONITOR, topology.prometheusTargets(), NAMESPACE, DOWN_MONITOR);
    }
}
