package io.promdeck.testing;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.metrics.MetricsText;
import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.prometheus.ConfigHash;
import io.promdeck.app.prometheus.LoadedConfig;
import io.promdeck.app.prometheus.TargetSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values for pure tests of what is built from a stack state (view models, the doctor), without any process. */
public final class StackStates {

    private StackStates() {
    }

    /** A replica whose config is the lab's shape with these external labels (and a labeldrop of {@code dropped}). */
    public static ReplicaStatus replica(Map<String, String> externalLabels, String dropped, Instant at) {
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 15s\n  external_labels:\n");
        new TreeMap<>(externalLabels).forEach((k, v) -> yaml.append("    ").append(k).append(": ").append(v).append('\n'));
        yaml.append("alerting:\n");
        if (dropped != null) {
            yaml.append("  alert_relabel_configs:\n  - action: labeldrop\n    regex: ").append(dropped).append('\n');
        }
        yaml.append("  alertmanagers:\n  - static_configs:\n    - targets: [am-0:9093]\nscrape_configs:\n- job_name: prometheus\n");
        return replica(yaml.toString(), externalLabels, dropped, metrics("", at), at);
    }

    public static ReplicaStatus replica(String yaml, Map<String, String> externalLabels, String dropped, MetricsWindow metrics, Instant at) {
        try {
            LoadedConfig config = new LoadedConfig(yaml, ConfigHash.of(yaml, "replica"), ConfigHash.withoutExternalLabels(yaml), externalLabels,
                    dropped == null ? List.of() : List.of(Map.of("action", "labeldrop", "regex", dropped)), List.of("am-0:9093"));
            return new ReplicaStatus("2.42.0", at.minusSeconds(3600), true, at.minusSeconds(60), config,
                    new TargetSummary(Map.of("prometheus", new TargetSummary.JobTargets("prometheus", 2, 0, 0, List.of()))), 1000, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reading of a component's {@code /metrics} (with a process start time, so windows can follow it). */
    public static MetricsWindow metrics(String text, Instant at) {
        return MetricsWindow.first(MetricsText.parse("process_start_time_seconds 1700000000\n" + text), at);
    }

    public static AlertmanagerStatus peer(String self, List<AlertmanagerStatus.Peer> peers, String configHash, Instant at) {
        return new AlertmanagerStatus(self, ClusterState.READY, peers, "0.25.0", "go1.19.8", "route: {receiver: x}", configHash, at.minusSeconds(600));
    }
}
