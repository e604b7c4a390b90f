package io.promdeck.app.transport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredPod;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.http.Transport;
import io.promdeck.app.live.PrometheusRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Builds endpoints for discovered pods over the chosen transport; closes the port-forwards it opened. */
public final class ClusterEndpoints implements AutoCloseable {

    private final List<PortForwardTransport> forwards = new ArrayList<>();
    private final StackEndpoints endpoints;

    public ClusterEndpoints(KubernetesClient client, OkHttpClient http, DiscoveredStack stack, TransportMode mode) {
        Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
        Map<Component, Integer> expected = new EnumMap<>(Component.class);
        stack.pods().forEach((component, pods) -> {
            List<Endpoint> list = new ArrayList<>();
            for (DiscoveredPod pod : pods) {
                Transport transport;
                if (mode == TransportMode.POD_PROXY) {
                    transport = new PodProxyTransport(client, pod.namespace(), pod.name(), pod.port());
                } else if (mode == TransportMode.DIRECT) {
                    transport = direct(http, pod);
                } else {
                    PortForwardTransport forward = new PortForwardTransport(client, http, pod.namespace(), pod.name(), pod.port());
                    forwards.add(forward);
                    transport = forward;
                }
                // A sharded install's pods name their shard, an agent install's their role: the doctor compares replicas
                // within a shard and judges agents as agents.
                list.add(new Endpoint(component, pod.name(), transport, true, pod.podIp() == null ? "" : pod.podIp() + ":" + pod.port(),
                        pod.group(), pod.agent() ? PrometheusRole.AGENT : PrometheusRole.REPLICA));
            }
            byComponent.put(component, list);
            expected.put(component, stack.expectedReplicas(component));
        });
        endpoints = new StackEndpoints(stack.namespace() + " (" + mode + ")", byComponent, expected);
    }

    /** The pod's own address; a pod without an IP yet (pending) gets one that fails as "not reachable" on every call. */
    private static Transport direct(OkHttpClient http, DiscoveredPod pod) {
        String host = pod.podIp() == null || pod.podIp().isBlank() ? "pending-pod.invalid" : pod.podIp();
        return new io.promdeck.app.http.DirectTransport(http, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + pod.port());
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        forwards.forEach(PortForwardTransport::close);
    }
}
