package io.promdeck.testing;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/** What a lab runs: config writers, extra flags and environment. Defaults give the plain HA lab. */
public record LabOptions(
        int prometheusReplicas,
        int alertmanagerPeers,
        BiFunction<LabTopology, Integer, String> prometheusConfig,
        String rules,
        Function<LabTopology, String> alertmanagerConfig,
        List<String> prometheusFlags,
        IntFunction<Map<String, String>> prometheusEnvironment) {

    public static LabOptions defaults() {
        return new LabOptions(2, 3, LabConfigs::prometheus, LabConfigs.rules(), t -> LabConfigs.alertmanager(null), List.of(), i -> Map.of());
    }

    public LabOptions withAlertmanagerConfig(Function<LabTopology, String> writer) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, prometheusConfig, rules, writer, prometheusFlags, prometheusEnvironment);
    }

    public LabOptions withPrometheusConfig(BiFunction<LabTopology, Integer, String> writer, String newRules) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, writer, newRules, alertmanagerConfig, prometheusFlags, prometheusEnvironment);
    }

    public LabOptions withPrometheusFlags(List<String> flags, IntFunction<Map<String, String>> environment) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, prometheusConfig, rules, alertmanagerConfig, flags, environment);
    }
}
