package io.promdeck.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pod as the console shows it, copied out of the informer cache (never the cached object itself).
 *
 * @param waits         containers that are waiting (ImagePullBackOff, CrashLoopBackOff, ...)
 * @param unschedulable the scheduler's message while the pod cannot be placed, else null
 */
public record PodState(String name, String phase, boolean ready, int restarts, String node, String podIp,
        Map<String, String> labels, List<ContainerWait> waits, String unschedulable, Instant startedAt) {

    public PodState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        waits = List.copyOf(waits);
    }

    /** A container that is not running, with the kubelet's reason and message. */
    public record ContainerWait(String container, String image, String reason, String message) {
    }

    /** The waiting reasons alone (ImagePullBackOff, CrashLoopBackOff, ...). */
    public List<String> waiting() {
        return waits.stream().map(ContainerWait::reason).toList();
    }
}
