package io.promdeck.app.live;

/**
 * A StatefulSet, Deployment or DaemonSet: how many replicas it wants, how many are ready and how many run the
 * current spec, and whether its controller has seen the current spec at all ({@code status.observedGeneration} ≥
 * {@code metadata.generation}). Right after an update the old pods are still ready: only {@code current} and
 * {@code updated} tell that the rollout has not happened yet.
 */
public record WorkloadState(String kind, String name, int desired, int ready, int updated, boolean current) {

    public boolean complete() {
        return ready >= desired;
    }

    /** Whether the controller has observed {@code generation}; a missing generation (no server sets none) counts as seen. */
    public static boolean observed(Long generation, Long observedGeneration) {
        return generation == null || observedGeneration != null && observedGeneration >= generation;
    }
}
