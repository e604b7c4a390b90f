package io.promdeck.ui.session;

import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected / degraded / unreachable, with the reason, from a stack state. Every kind of call counts — status,
 * alerts, silences, stores — so "Connected" is never shown while the alerts call of every peer times out. Pure.
 */
public record ConnectionHealth(Level level, String reason) {

    public enum Level {
        NOT_CONNECTED, CONNECTING, CONNECTED, DEGRADED, UNREACHABLE
    }

    /** The kinds of calls, as the sentences name them, and the word for their endpoints. */
    private static final Map<String, String[]> KINDS = Map.of(
            "Prometheus", new String[] {"Prometheus status", "replicas"},
            "Alertmanager status", new String[] {"Alertmanager status", "peers"},
            "alerts", new String[] {"alerts", "peers"},
            "silences", new String[] {"silences", "peers"},
            "Thanos stores", new String[] {"Thanos stores", "queries"});

    public static ConnectionHealth of(StackState state, Instant now) {
        Map<String, List<Snapshot<?>>> byKind = state.snapshotsByKind();
        if (byKind.isEmpty()) {
            return new ConnectionHealth(Level.CONNECTING, "waiting for the first answers");
        }
        List<String> problems = new ArrayList<>();
        int endpointsAnswering = 0;
        int callsFailing = 0;
        int calls = 0;
        for (Map.Entry<String, List<Snapshot<?>>> kind : byKind.entrySet()) {
            Map<String, Snapshot<?>> snapshots = new LinkedHashMap<>();
            kind.getValue().forEach(s -> snapshots.put(s.endpoint(), s));
            String[] words = KINDS.getOrDefault(kind.getKey(), new String[] {kind.getKey(), "endpoints"});
            Coverage coverage = Coverage.of(words[0], words[1], snapshots, snapshots.size(), now);
            for (Snapshot<?> s : kind.getValue()) {
                calls++;
                if (s.fresh()) {
                    endpointsAnswering++;
                } else if (s.failure().isPresent()) {
                    callsFailing++;
                }
            }
            if (coverage.kind() != Coverage.Kind.COMPLETE && coverage.kind() != Coverage.Kind.PENDING) {
                problems.add(coverage.sentence());
            }
        }
        if (problems.isEmpty()) {
            if (endpointsAnswering == 0) {
                return new ConnectionHealth(Level.CONNECTING, "waiting for the first answers");
            }
            return new ConnectionHealth(Level.CONNECTED, "every call answering");
        }
        String reason = String.join("; ", problems);
        if (endpointsAnswering == 0) {
            return new ConnectionHealth(Level.UNREACHABLE, reason);
        }
        return new ConnectionHealth(Level.DEGRADED, callsFailing + " of " + calls + " calls failing: " + reason);
    }

    public String label() {
        return switch (level) {
            case NOT_CONNECTED -> "Not connected";
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case DEGRADED -> "Degraded";
            case UNREACHABLE -> "Unreachable";
        };
    }
}
