package io.promdeck.app.cluster;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a stack's pods in one namespace (never cluster-wide) and says for each which rule matched: the operator's
 * override first, then {@link DiscoveryRule#BUILT_IN} in order.
 */
public final class StackDiscovery {

    private static final List<String> HTTP_PORT_NAMES = List.of("web", "http-web", "http", "http-query", "api");

    private final KubernetesClient client;

    public StackDiscovery(KubernetesClient client) {
        this.client = client;
    }

    public DiscoveredStack discover(String namespace, Map<Component, DiscoveryOverride> overrides) {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<StatefulSet> statefulSets = client.apps().statefulSets().inNamespace(namespace).list().getItems();
        return classify(namespace, pods, statefulSets, resolveOverrides(namespace, overrides));
    }

    /** Pure: what {@link #discover} does once the objects are listed. */
    static DiscoveredStack classify(String namespace, List<Pod> pods, List<StatefulSet> statefulSets,
            Map<Component, ResolvedOverride> overrides) {
        Map<Component, List<DiscoveredPod>> found = new EnumMap<>(Component.class);
        Map<String, Component> ownerComponent = new HashMap<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            Component component = null;
            String rule = null;
            Integer port = null;
            for (Map.Entry<Component, ResolvedOverride> override : overrides.entrySet()) {
                if (matches(override.getValue().selector(), labels)) {
                    component = override.getKey();
                    rule = override.getValue().override().describe();
                    port = override.getValue().override().port();
                    break;
                }
            }
            if (component == null) {
                for (DiscoveryRule candidate : DiscoveryRule.BUILT_IN) {
                    Optional<Component> matched = candidate.match(labels);
                    if (matched.isPresent() && !overrides.containsKey(matched.get())) {
                        component = matched.get();
                        rule = candidate.name() + ": " + candidate.description();
                        break;
                    }
                }
            }
            if (component == null) {
                continue;
            }
            String owner = owner(pod);
            if (!owner.isEmpty()) {
                ownerComponent.put(owner, component);
            }
            found.computeIfAbsent(component, k -> new ArrayList<>()).add(new DiscoveredPod(
                    pod.getMetadata().getName(), namespace, component, rule,
                    port != null ? port : httpPort(pod, component), ready(pod),
                    pod.getStatus() == null ? null : pod.getStatus().getPodIP(),
                    pod.getSpec() == null ? null : pod.getSpec().getNodeName(), owner, labels));
            if (component == Component.PROMETHEUS) {
                Integer sidecar = sidecarPort(pod);
                if (sidecar != null) {
                    found.computeIfAbsent(Component.THANOS_SIDECAR, k -> new ArrayList<>()).add(new DiscoveredPod(
                            pod.getMetadata().getName(), namespace, Component.THANOS_SIDECAR, "the Thanos sidecar container of " + rule, sidecar,
                            ready(pod), pod.getStatus() == null ? null : pod.getStatus().getPodIP(),
                            pod.getSpec() == null ? null : pod.getSpec().getNodeName(), owner, labels));
                }
            }
        }
        found.values().forEach(list -> list.sort(java.util.Comparator.comparing(DiscoveredPod::name)));
        Map<Component, Integer> expected = new EnumMap<>(Component.class);
        for (StatefulSet sts : statefulSets) {
            Component component = ownerComponent.get(sts.getMetadata().getName());
            if (component != null && sts.getSpec() != null && sts.getSpec().getReplicas() != null) {
                expected.merge(component, sts.getSpec().getReplicas(), Integer::sum);
            }
        }
        if (found.containsKey(Component.THANOS_SIDECAR) && expected.containsKey(Component.PROMETHEUS)) {
            expected.put(Component.THANOS_SIDECAR, expected.get(Component.PROMETHEUS));
        }
        return new DiscoveredStack(namespace, found, expected);
    }

    /** The HTTP port of a Thanos sidecar container in a Prometheus pod, or null when it has none. */
    static Integer sidecarPort(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return null;
        }
        for (var container : pod.getSpec().getContainers()) {
            boolean thanos = container.getName() != null && container.getName().contains("thanos")
                    || container.getImage() != null && container.getImage().contains("thanos");
            if (!thanos || container.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : container.getPorts()) {
                String name = port.getName() == null ? "" : port.getName();
                if (name.contains("http") || Integer.valueOf(10902).equals(port.getContainerPort())) {
                    return port.getContainerPort();
                }
            }
        }
        return null;
    }

    /** An override with its selector made concrete (a Service's selector looked up). */
    record ResolvedOverride(DiscoveryOverride override, Map<String, String> selector) {
    }

    private Map<Component, ResolvedOverride> resolveOverrides(String namespace, Map<Component, DiscoveryOverride> overrides) {
        Map<Component, ResolvedOverride> resolved = new LinkedHashMap<>();
        overrides.forEach((component, override) -> {
            Map<String, String> selector;
            if (override.service() != null) {
                Service service = client.services().inNamespace(namespace).withName(override.service()).get();
                selector = service == null || service.getSpec() == null || service.getSpec().getSelector() == null
                        ? Map.of("promdeck.io/no-such-service", override.service()) : service.getSpec().getSelector();
            } else {
                selector = parseSelector(override.selector());
            }
            resolved.put(component, new ResolvedOverride(override, selector));
        });
        return resolved;
    }

    /** {@code a=b,c=d} (equality only; the form a Service selector has). */
    public static Map<String, String> parseSelector(String text) {
        Map<String, String> selector = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || part.indexOf("!=") >= 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a label=value pair");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(part.startsWith("==", eq) ? eq + 2 : eq + 1).strip();
            selector.put(key, value);
        }
        if (selector.isEmpty()) {
            throw new IllegalArgumentException("an empty selector would match every pod");
        }
        return selector;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String owner(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs == null) {
            return "";
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).map(OwnerReference::getName).findFirst()
                .orElse(refs.isEmpty() ? "" : refs.get(0).getName());
    }

    static int httpPort(Pod pod, Component component) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return component.defaultPort();
        }
        List<ContainerPort> ports = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            if (c.getPorts() != null) {
                ports.addAll(c.getPorts());
            }
        });
        for (String name : HTTP_PORT_NAMES) {
            for (ContainerPort port : ports) {
                if (name.equals(port.getName())) {
                    return port.getContainerPort();
                }
            }
        }
        for (ContainerPort port : ports) {
            if (port.getContainerPort() != null && port.getContainerPort() == component.defaultPort()) {
                return port.getContainerPort();
            }
        }
        return component.defaultPort();
    }

    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }
}
