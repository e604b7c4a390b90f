package io.promdeck.ui.session;

import io.promdeck.app.live.Freshness;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.util.ArrayList;
import java.util.List;

/** Connected / degraded / unreachable, with the reason, from a stack state. Pure. */
public record ConnectionHealth(Level level, String reason) {

    public enum Level {
        NOT_CONNECTED, CONNECTING, CONNECTED, DEGRADED, UNREACHABLE
    }

    public static ConnectionHealth of(StackState state) {
        List<Snapshot<?>> all = new ArrayList<>();
        all.addAll(state.replicas().values());
        all.addAll(state.peers().values());
        all.addAll(state.stores().values());
        if (all.isEmpty()) {
            return new ConnectionHealth(Level.CONNECTING, "waiting for the first answers");
        }
        List<String> failing = new ArrayList<>();
        long answered = 0;
        for (Snapshot<?> s : all) {
            if (s.freshness() == Freshness.OK) {
                answered++;
            } else if (s.freshness() != Freshness.PENDING) {
                failing.add(s.endpoint() + ": " + s.error().map(e -> e.summary()).orElse("no answer"));
            }
        }
        if (failing.isEmpty()) {
            return new ConnectionHealth(Level.CONNECTED, answered + " endpoints answering");
        }
        if (answered == 0) {
            return new ConnectionHealth(Level.UNREACHABLE, String.join("; ", failing));
        }
        return new ConnectionHealth(Level.DEGRADED, failing.size() + " of " + all.size() + " endpoints failing: " + String.join("; ", failing));
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
