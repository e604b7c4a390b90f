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

    /**
     * A workload's progress. Done only when its controller has seen the current spec, every replica runs it and is
     * ready: right after an update the old pods are still ready, and that is not a finished rollout.
     */
    public record Workload(String kind, String name, int ready, int desired, int updated, boolean current) {

        public Workload(String kind, String name, int ready, int desired) {
            this(kind, name, ready, desired, desired, true);
        }

        public boolean done() {
            return current && desired > 0 && ready >= desired && updated >= desired;
        }

        @Override
        public String toString() {
            return kind + "/" + name + " " + ready + "/" + desired + (!current ? " (not yet seen by its controller)"
                    : updated < desired ? " (" + updated + " updated)" : "");
        }
    }

    public boolean complete() {
        return !workloads.isEmpty() && workloads.stream().allMatch(Workload::done);
    }
}
