package io.promdeck.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything the informers know about the stack namespace at one moment; immutable, replaced on every change. */
public record NamespaceSnapshot(String namespace, Instant takenAt, List<PodState> pods, List<WorkloadState> workloads,
        List<ClaimState> claims, List<EventState> events) {

    public NamespaceSnapshot {
        pods = List.copyOf(pods);
        workloads = List.copyOf(workloads);
        claims = List.copyOf(claims);
        events = List.copyOf(events);
    }

    public Optional<PodState> pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<WorkloadState> workload(String kind, String name) {
        return workloads.stream().filter(w -> w.kind().equals(kind) && w.name().equals(name)).findFirst();
    }
}
