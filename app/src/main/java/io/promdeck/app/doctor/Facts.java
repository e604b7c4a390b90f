package io.promdeck.app.doctor;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CallError;
import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stack state a diagnosis judges, with the helpers every check uses: only fresh data counts as evidence. */
public record Facts(StackState state, Instant now) {

    public ReplicaLabel replicaLabel() {
        return state.replicaLabel();
    }

    /** The fresh values of a map of snapshots, by endpoint. */
    public static <T> Map<String, T> fresh(Map<String, Snapshot<T>> snapshots) {
        Map<String, T> out = new LinkedHashMap<>();
        snapshots.forEach((name, s) -> {
            if (s.fresh()) {
                s.value().ifPresent(v -> out.put(name, v));
            }
        });
        return out;
    }

    /** Evidence for the endpoints whose latest call failed or has not answered yet. */
    public static List<Evidence> missing(Map<String, ? extends Snapshot<?>> snapshots) {
        List<Evidence> out = new ArrayList<>();
        snapshots.forEach((name, s) -> {
            if (!s.fresh()) {
                out.add(new Evidence(name, s.error().map(CallError::problem).orElse("no answer yet")));
            }
        });
        return out;
    }

    public int expected(Component component) {
        return state.shape().expected(component);
    }

    /** "Both" for two, "All 3" for more: "Both replicas answer". */
    public static String all(int n) {
        return n == 2 ? "Both" : "All " + n;
    }

    public static String node(String kind, String name) {
        return kind + "/" + name;
    }
}
