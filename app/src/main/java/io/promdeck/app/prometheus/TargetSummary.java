package io.promdeck.app.prometheus;

import java.util.List;
import java.util.Map;

/** Active scrape targets summarised per job (scrape pool). */
public record TargetSummary(Map<String, JobTargets> jobs) {

    public TargetSummary {
        jobs = Map.copyOf(jobs);
    }

    /** Counts for one job, with the distinct last errors of its failing targets. */
    public record JobTargets(String job, int up, int down, int unknown, List<String> errors) {
        public JobTargets {
            errors = List.copyOf(errors);
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
