package io.promdeck.app.live;

import io.promdeck.app.http.CallResult;
import io.promdeck.app.metrics.MetricsText;
import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.prometheus.DiscoveredAlertmanagers;
import io.promdeck.app.prometheus.HeadStats;
import io.promdeck.app.prometheus.LoadedConfig;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.prometheus.RuntimeInfo;
import io.promdeck.app.prometheus.TargetSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The calls behind one Prometheus replica's refreshes ({@link StackMonitor}): its status, and the doctor's slower details. */
final class ReplicaCalls {

    private ReplicaCalls() {
    }

    static CallResult<ReplicaStatus> replicaStatus(PrometheusClient client, MetricsWindow previous, boolean knownAgent) {
        CallResult<RuntimeInfo> runtime = client.runtimeInfo();
        if (!runtime.isOk()) {
            return runtime.retype();
        }
        var build = client.buildInfo();
        CallResult<LoadedConfig> config = client.config();
        CallResult<TargetSummary> targets = client.targets();
        CallResult<HeadStats> head = knownAgent ? null : client.headStats();
        boolean agent = knownAgent || head != null && unavailableInAgentMode(head);
        CallResult<MetricsText> metrics = client.metricsText(StackMonitor.PROMETHEUS_COUNTERS);
        for (CallResult<?> r : agent ? List.of(build, config, targets, metrics) : List.of(build, config, targets, head, metrics)) {
            if (!r.isOk()) {
                return r.retype();
            }
        }
        Instant now = Instant.now();
        MetricsWindow window = previous == null ? MetricsWindow.first(metrics.orElseThrow(), now) : previous.next(metrics.orElseThrow(), now);
        RuntimeInfo info = runtime.orElseThrow();
        return CallResult.ok(new ReplicaStatus(build.orElseThrow().version(), info.startTime(), info.reloadConfigSuccess(),
                info.lastConfigTime(), config.orElseThrow(), targets.orElseThrow(), agent ? -1 : head.orElseThrow().numSeries(), window, agent),
                runtime.elapsed());
    }

    /** Prometheus in agent mode answers queries, rules and TSDB status with 422 "unavailable with Prometheus Agent". */
    static boolean unavailableInAgentMode(CallResult<?> result) {
        return result.failure().map(e -> e instanceof io.promdeck.app.http.CallError.HttpError http && http.status() == 422
                && http.message().contains("unavailable with Prometheus Agent")).orElse(false);
    }

    static CallResult<ReplicaDetails> replicaDetails(PrometheusClient client, boolean agent) {
        if (agent) {
            return CallResult.ok(new ReplicaDetails(new DiscoveredAlertmanagers(List.of(), List.of()), List.of(), java.util.Optional.empty()),
                    Duration.ZERO);
        }
        CallResult<DiscoveredAlertmanagers> discovered = client.alertmanagers();
        if (!discovered.isOk()) {
            return discovered.retype();
        }
        CallResult<List<RuleGroup>> rules = client.rules();
        if (!rules.isOk()) {
            return rules.retype();
        }
        return CallResult.ok(new ReplicaDetails(discovered.orElseThrow(), rules.orElseThrow(), history(client)),
                discovered.elapsed().plus(rules.elapsed()));
    }

    /** The replica's record of the stack's error counters; empty when a query fails or it records none of them. */
    static java.util.Optional<CounterHistory> history(PrometheusClient client) {
        CallResult<List<io.promdeck.app.prometheus.Sample>> starts = client.queryVector("process_start_time_seconds");
        if (!starts.isOk() || starts.orElseThrow().isEmpty()) {
            return java.util.Optional.empty();
        }
        // One request for every counter: increase() drops the metric name, so each is labelled with its counter.
        String query = CounterHistory.COUNTERS.stream()
                .map(c -> "label_replace(increase(" + c + "[" + CounterHistory.RANGE + "]), \"counter\", \"" + c + "\", \"\", \"\")")
                .collect(java.util.stream.Collectors.joining(" or "));
        CallResult<List<io.promdeck.app.prometheus.Sample>> increase = client.queryVector(query);
        if (!increase.isOk()) {
            return java.util.Optional.empty();
        }
        Map<String, List<io.promdeck.app.prometheus.Sample>> increases = new LinkedHashMap<>();
        for (io.promdeck.app.prometheus.Sample sample : increase.orElseThrow()) {
            String counter = sample.labels().getOrDefault("counter", "");
            increases.computeIfAbsent(counter, k -> new ArrayList<>()).add(sample);
        }
        return java.util.Optional.of(new CounterHistory(increases, starts.orElseThrow()));
    }
}
