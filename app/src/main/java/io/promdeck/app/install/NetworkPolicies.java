package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional NetworkPolicies: for every workload of the stack, ingress only from the stack's own pods (same namespace,
 * same instance label) and, when {@code apiServerCidr} is given, from the API server (its pod proxy and
 * port-forwards reach the pods from there), on exactly the ports its containers declare — TCP and UDP as declared
 * (Alertmanager gossips on both). Pods on the host network (node-exporter) are not selectable by policies and get
 * none. Derived from the rendered pod templates, so a port added to a manifest is allowed without a second list.
 */
final class NetworkPolicies {

    private NetworkPolicies() {
    }

    static List<NetworkPolicy> forWorkloads(List<RenderedObject> objects, StackParameters p) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (RenderedObject o : objects) {
            Optional<LabelSelector> selector = selector(o.object());
            Optional<PodSpec> spec = StackRenderer.podSpec(o.object());
            if (selector.isEmpty() || spec.isEmpty() || Boolean.TRUE.equals(spec.get().getHostNetwork())) {
                continue;
            }
            List<NetworkPolicyPort> ports = new ArrayList<>();
            spec.get().getContainers().forEach(c -> {
                for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                    ports.add(new NetworkPolicyPortBuilder().withPort(new IntOrString(port.getContainerPort()))
                            .withProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol()).build());
                }
            });
            if (ports.isEmpty()) {
                continue;
            }
            List<NetworkPolicyPeer> from = new ArrayList<>();
            from.add(new NetworkPolicyPeerBuilder().withNewPodSelector().withMatchLabels(Map.of(StackRenderer.INSTANCE, p.instance(),
                    StackRenderer.PART_OF, "promdeck")).endPodSelector().build());
            if (!p.apiServerCidr().isEmpty()) {
                from.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(p.apiServerCidr()).endIpBlock().build());
            }
            policies.add(new NetworkPolicyBuilder().withNewMetadata().withName(o.name()).withNamespace(p.namespace()).endMetadata()
                    .withNewSpec().withPodSelector(selector.get()).withPolicyTypes("Ingress")
                    .addNewIngress().withFrom(from).withPorts(ports).endIngress().endSpec().build());
        }
        return policies;
    }

    private static Optional<LabelSelector> selector(HasMetadata object) {
        if (object instanceof StatefulSet s) {
            return Optional.ofNullable(s.getSpec().getSelector());
        }
        if (object instanceof Deployment d) {
            return Optional.ofNullable(d.getSpec().getSelector());
        }
        if (object instanceof DaemonSet d) {
            return Optional.ofNullable(d.getSpec().getSelector());
        }
        return Optional.empty();
    }
}
