package io.promdeck.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pod as the console shows it, copied out of the informer cache (never the cached object itself).
 *
 * @param waiting reasons of containers that are waiting (ImagePullBackOff, CrashLoopBackOff, ...)
 */
public record PodState(String name, String phase, boolean ready, int restarts, String node, String podIp,
        Map<String, String> labels, List<String> waiting, Instant startedAt) {

    public PodState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        waiting = List.copyOf(waiting);
    }
}
