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
        return new ConfigTarget() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public ReloadResult reload() {
                return client.reload();
            }

            @Override
            public CallResult<LoadedMatch.Match> compare(String written) {
                var config = client.config();
                if (!config.isOk()) {
                    return config.retype();
                }
                return matched(() -> LoadedMatch.prometheus(written, config.orElseThrow().yaml(), replicaLabel));
            }
        };
    }

    static ConfigTarget rules(String endpoint, PrometheusClient client, String fileName) {
        return new ConfigTarget() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public ReloadResult reload() {
                return client.reload();
            }

            @Override
            public CallResult<LoadedMatch.Match> compare(String written) {
                var rules = client.rules();
                if (!rules.isOk()) {
                    return rules.retype();
                }
                return matched(() -> LoadedMatch.rules(written, fileName, rules.orElseThrow()));
            }
        };
    }

    static ConfigTarget alertmanager(String endpoint, AlertmanagerClient client) {
        return new ConfigTarget() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public ReloadResult reload() {
                return client.reload();
            }

            @Override
            public CallResult<LoadedMatch.Match> compare(String written) {
                var status = client.status();
                if (!status.isOk()) {
                    return status.retype();
                }
                return matched(() -> LoadedMatch.alertmanager(written, status.orElseThrow().configOriginal()));
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
