package io.promdeck.app.live;

/** A StatefulSet, Deployment or DaemonSet: how many replicas it wants and how many are ready. */
public record WorkloadState(String kind, String name, int desired, int ready, int updated) {

    public boolean complete() {
        return ready >= desired;
    }
}
