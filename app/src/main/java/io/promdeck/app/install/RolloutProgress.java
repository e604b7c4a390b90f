package io.promdeck.app.install;

import java.time.Duration;
import io.promdeck.app.live.EventState;
import java.util.List;

/**
 * One moment of a rollout: every workload's ready/desired, time elapsed, the problems seen as sentences, and the
 * namespace's latest events (newest first).
 */
public record RolloutProgress(List<Workload> workloads, Duration elapsed, List<String> problems, List<EventState> events) {

    public RolloutProgress {
        workloads = List.copyOf(workloads);
        problems = List.copyOf(problems);
        events = List.copyOf(events);
    }

    /** A workload's progress. */
    public record Workload(String kind, String name, int ready, int desired) {
        public boolean done() {
            return desired > 0 && ready >= desired;
        }

        @Override
        public String toString() {
            return kind + "/" + name + " " + ready + "/" + desired;
        }
    }

    public boolean complete() {
        return !workloads.isEmpty() && workloads.stream().allMatch(Workload::done);
    }
}
