package io.promdeck.app.prometheus;

import java.util.List;
import java.util.Map;

/** Active scrape targets summarised per job (scrape pool). */
public record TargetSummary(Map<String, JobTargets> jobs) {

    public TargetSummary {
        jobs = Map.copyOf(jobs);
    }

    /**
     * Counts for one job, with the distinct last errors of its failing targets and which targets are down (their
     * {@code instance} label, else their scrape URL).
     */
    public record JobTargets(String job, int up, int down, int unknown, List<String> errors, List<String> downTargets) {
        public JobTargets {
            errors = List.copyOf(errors);
            downTargets = List.copyOf(downTargets);
        }

        public JobTargets(String job, int up, int down, int unknown, List<String> errors) {
            this(job, up, down, unknown, errors, List.of());
        }

        public int total() {
            return up + down + unknown;
        }
    }

    public int up() {
        return jobs.values().stream().mapToInt(JobTargets::up).sum();
    }

    public int total() {
        return jobs.values().stream().mapToInt(JobTargets::total).sum();
    }
}
