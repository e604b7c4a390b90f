package io.promdeck.app.config;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.prometheus.PrometheusClient;
import java.io.IOException;
import java.time.Duration;

/** One replica or peer as a configuration transaction sees it: reload it, and compare what it loaded with what was written. */
public interface ConfigTarget {

    String endpoint();

    ReloadResult reload();

    /** Reads what it loaded and compares it with {@code written}; a failed read is the call's failure. */
    CallResult<LoadedMatch.Match> compare(String written);

    static ConfigTarget prometheus(String endpoint, PrometheusClient client, String replicaLabel) {
        return target(endpoint, client::reload, written -> {
            var config = client.config();
            return config.isOk() ? matched(() -> LoadedMatch.prometheus(written, config.orElseThrow().yaml(), replicaLabel)) : config.retype();
        });
    }

    static ConfigTarget rules(String endpoint, PrometheusClient client, String fileName) {
        return target(endpoint, client::reload, written -> {
            var rules = client.rules();
            return rules.isOk() ? matched(() -> LoadedMatch.rules(written, fileName, rules.orElseThrow())) : rules.retype();
        });
    }

    static ConfigTarget alertmanager(String endpoint, AlertmanagerClient client) {
        return target(endpoint, client::reload, written -> {
            var status = client.status();
            return status.isOk() ? matched(() -> LoadedMatch.alertmanager(written, status.orElseThrow().configOriginal())) : status.retype();
        });
    }

    /**
     * The target of one replica or peer of {@code unit}, with the comparison its kind needs; null when the session has
     * no client for that endpoint.
     */
    static ConfigTarget of(ConfigUnit unit, String endpoint, java.util.Map<String, PrometheusClient> prometheus,
            java.util.Map<String, AlertmanagerClient> alertmanagers, String replicaLabel) {
        PrometheusClient p = prometheus.get(endpoint);
        AlertmanagerClient a = alertmanagers.get(endpoint);
        return switch (unit.kind()) {
            case PROMETHEUS -> p == null ? null : prometheus(endpoint, p, replicaLabel);
            case RULES -> p == null ? null : rules(endpoint, p, unit.fileName());
            case ALERTMANAGER -> a == null ? null : alertmanager(endpoint, a);
            case ALERTMANAGER_CONFIG -> a == null ? null : alertmanagerConfig(endpoint, a, (ConfigSource.ResourceSpec) unit.sources().get(0));
            case PROMETHEUS_SPEC -> p == null ? null : prometheusSpec(endpoint, p, (ConfigSource.ResourceSpec) unit.sources().get(0), replicaLabel);
        };
    }

    /**
     * An AlertmanagerConfig's spec against the peer's loaded configuration: the receivers, route and inhibit rules the
     * operator generates from it must be there as generated (found by their {@code <namespace>/<name>/} names).
     */
    static ConfigTarget alertmanagerConfig(String endpoint, AlertmanagerClient client, ConfigSource.ResourceSpec resource) {
        return target(endpoint, client::reload, written -> {
            var status = client.status();
            return status.isOk() ? matched(() -> LoadedMatch.alertmanagerConfig(resource.namespace(), resource.name(), written,
                    status.orElseThrow().configOriginal())) : status.retype();
        });
    }

    /** A Prometheus resource's spec against the replica's loaded {@code global}: intervals and external labels. */
    static ConfigTarget prometheusSpec(String endpoint, PrometheusClient client, ConfigSource.ResourceSpec resource, String replicaLabel) {
        return target(endpoint, client::reload, written -> {
            var config = client.config();
            return config.isOk() ? matched(() -> LoadedMatch.prometheusSpec(resource.namespace(), resource.name(), written,
                    config.orElseThrow().yaml(), replicaLabel)) : config.retype();
        });
    }

    private static ConfigTarget target(String endpoint, java.util.function.Supplier<ReloadResult> reload,
            java.util.function.Function<String, CallResult<LoadedMatch.Match>> compare) {
        return new ConfigTarget() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public ReloadResult reload() {
                return reload.get();
            }

            @Override
            public CallResult<LoadedMatch.Match> compare(String written) {
                return compare.apply(written);
            }
        };
    }

    /** A comparison that cannot even read the written text (not YAML) is a mismatch with the reason. */
    private static CallResult<LoadedMatch.Match> matched(Comparison comparison) {
        try {
            return CallResult.ok(comparison.run(), Duration.ZERO);
        } catch (IOException e) {
            return CallResult.ok(new LoadedMatch.Match(false, "", "", java.util.List.of("cannot compare: " + e.getMessage())), Duration.ZERO);
        }
    }

    @FunctionalInterface
    interface Comparison {
        LoadedMatch.Match run() throws IOException;
    }
}
