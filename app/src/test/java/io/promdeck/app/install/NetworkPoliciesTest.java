package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdeck.testing.kube.MockApiExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The optional NetworkPolicies, parsed back into fabric8 models and checked against the ports each component needs. */
class NetworkPoliciesTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static StackParameters withPolicies() {
        return StackRendererTest.params().with(Map.of("networkPolicies", true, "apiServerCidr", "10.0.0.0/24", "thanosRuler", true));
    }

    /** "9094/UDP" for every port a policy of the stack allows to the pods {@code labels} selects. */
    private static Set<String> allowed(List<NetworkPolicy> policies, Map<String, String> podLabels) {
        return policies.stream().filter(p -> podLabels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                .flatMap(p -> p.getSpec().getIngress().stream()).flatMap(i -> i.getPorts().stream())
                .map(port -> port.getPort().getIntVal() + "/" + port.getProtocol()).collect(Collectors.toSet());
    }

    @Test
    void everyServicePortReachesAPortThePolicyOfItsPodsAllows() {
        RenderedStack stack = StackRenderer.render(withPolicies(), StackRendererTest.SECRETS);
        // Parsed back from the YAML an operator would apply, into fabric8's models.
        List<NetworkPolicy> policies = stack.objects().stream().filter(o -> o.kind().equals("NetworkPolicy"))
                .map(o -> SERIALIZATION.unmarshal(SERIALIZATION.asYaml(o.object()), NetworkPolicy.class)).toList();
        assertThat(policies).extracting(p -> p.getMetadata().getName()).contains("prometheus", "alertmanager", "thanos-query", "thanos-store",
                "thanos-compactor", "thanos-ruler", "seaweedfs", "grafana", "kube-state-metrics").doesNotContain("node-exporter");

        int checked = 0;
        for (RenderedObject o : stack.objects()) {
            if (!(o.object() instanceof Service service) || service.getSpec().getSelector() == null) {
                continue;
            }
            for (RenderedObject workload : stack.objects()) {
                PodSpec spec = StackRenderer.podSpec(workload.object()).orElse(null);
                if (spec == null || Boolean.TRUE.equals(spec.getHostNetwork()) || workload.kind().equals("Job")) {
                    continue;
                }
                Map<String, String> podLabels = podLabels(workload);
                if (!podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
                    continue;
                }
                Set<String> allowed = allowed(policies, podLabels);
                for (ServicePort port : service.getSpec().getPorts()) {
                    ContainerPort target = spec.getContainers().stream().flatMap(c -> c.getPorts().stream())
                            .filter(c -> port.getTargetPort() == null ? c.getContainerPort().equals(port.getPort())
                                    : port.getTargetPort().getStrVal() != null ? port.getTargetPort().getStrVal().equals(c.getName())
                                            : port.getTargetPort().getIntVal().equals(c.getContainerPort()))
                            .findFirst().orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " port " + port.getName()
                                    + " names no container port of " + workload.id()));
                    String needed = target.getContainerPort() + "/" + (port.getProtocol() == null ? "TCP" : port.getProtocol());
                    assertThat(allowed).as(service.getMetadata().getName() + " → " + workload.id()).contains(needed);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(allowed(policies, podLabels(stack.find("StatefulSet", "alertmanager").orElseThrow()))).contains("9093/TCP", "9094/TCP",
                "9094/UDP");
        NetworkPolicy prometheus = policies.stream().filter(p -> p.getMetadata().getName().equals("prometheus")).findFirst().orElseThrow();
        assertThat(prometheus.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(prometheus.getSpec().getIngress().get(0).getFrom()).hasSize(2);
        assertThat(prometheus.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "promdeck").containsEntry("app.kubernetes.io/part-of", "promdeck");
        assertThat(prometheus.getSpec().getIngress().get(0).getFrom().get(1).getIpBlock().getCidr()).isEqualTo("10.0.0.0/24");
        assertThat(HaInvariants.check(stack)).noneMatch(CheckResult::failed);
    }

    private static Map<String, String> podLabels(RenderedObject workload) {
        if (workload.object() instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s) {
            return s.getSpec().getTemplate().getMetadata().getLabels();
        }
        if (workload.object() instanceof io.fabric8.kubernetes.api.model.apps.Deployment d) {
            return d.getSpec().getTemplate().getMetadata().getLabels();
        }
        if (workload.object() instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet d) {
            return d.getSpec().getTemplate().getMetadata().getLabels();
        }
        return Map.of();
    }

    @Test
    void offByDefaultAndRemovedWhenTurnedOff() {
        assertThat(StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS).objects())
                .noneMatch(o -> o.kind().equals("NetworkPolicy"));
        assertThat(ParameterCheck.problems(withPolicies().with(Map.of("apiServerCidr", "10.0.0/24")))).extracting(ParameterProblem::field)
                .containsExactly("apiServerCidr");

        new Applier(kube.client()).apply(new Planner(kube.client()).plan(StackRenderer.render(withPolicies(), StackRendererTest.SECRETS)), s -> { });
        assertThat(kube.client().network().v1().networkPolicies().inNamespace("monitoring").list().getItems()).hasSizeGreaterThan(5);

        Plan off = new Planner(kube.client()).plan(StackRenderer.render(StackRendererTest.params().with(Map.of("thanosRuler", true)),
                StackRendererTest.SECRETS));
        assertThat(off.of(PlanItem.Action.ORPHANED)).isNotEmpty().allMatch(i -> i.object().getKind().equals("NetworkPolicy"));
        new Applier(kube.client()).apply(off, s -> { });
        assertThat(kube.client().network().v1().networkPolicies().inNamespace("monitoring").list().getItems()).isEmpty();
    }
}
