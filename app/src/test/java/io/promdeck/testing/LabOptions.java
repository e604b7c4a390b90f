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
        IntFunction<Map<String, String>> prometheusEnvironment,
        IntFunction<List<String>> prometheusExtraFlags) {

    /**
     * @param prometheusExtraFlags flags of one Prometheus only (index → flags); {@code --enable-feature=agent} makes it
     *                             an agent, started with a write-ahead log instead of a TSDB
     */
    public LabOptions {
        prometheusExtraFlags = prometheusExtraFlags == null ? i -> List.of() : prometheusExtraFlags;
    }

    public LabOptions(int prometheusReplicas, int alertmanagerPeers, BiFunction<LabTopology, Integer, String> prometheusConfig, String rules,
            Function<LabTopology, String> alertmanagerConfig, List<String> prometheusFlags, IntFunction<Map<String, String>> prometheusEnvironment) {
        this(prometheusReplicas, alertmanagerPeers, prometheusConfig, rules, alertmanagerConfig, prometheusFlags, prometheusEnvironment, null);
    }

    public static LabOptions defaults() {
        return new LabOptions(2, 3, LabConfigs::prometheus, LabConfigs.rules(), t -> LabConfigs.alertmanager(null), List.of(), i -> Map.of());
    }

    public LabOptions withAlertmanagerConfig(Function<LabTopology, String> writer) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, prometheusConfig, rules, writer, prometheusFlags, prometheusEnvironment,
                prometheusExtraFlags);
    }

    public LabOptions withPrometheusConfig(BiFunction<LabTopology, Integer, String> writer, String newRules) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, writer, newRules, alertmanagerConfig, prometheusFlags, prometheusEnvironment,
                prometheusExtraFlags);
    }

    public LabOptions withPrometheusFlags(List<String> flags, IntFunction<Map<String, String>> environment) {
        return new LabOptions(prometheusReplicas, alertmanagerPeers, prometheusConfig, rules, alertmanagerConfig, flags, environment,
                prometheusExtraFlags);
    }

    /** {@code count} Prometheus, each with its own extra flags. */
    public LabOptions withPrometheus(int count, IntFunction<List<String>> extraFlags) {
        return new LabOptions(count, alertmanagerPeers, prometheusConfig, rules, alertmanagerConfig, prometheusFlags, prometheusEnvironment,
                extraFlags);
    }
}
