package io.promdeck.app.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way a stack labels its pods. Rules are tried in order and the first that matches a pod names its component;
 * the rule's {@link #name()} is shown to the operator so a wrong pick can be explained and overridden.
 */
public record DiscoveryRule(String name, String description, Map<String, String> required, Map<String, Component> byValueOf, String key) {

    /** Promdeck's own stack, then prometheus-operator, kube-thanos, and the seed manifests' {@code app=} labels. */
    public static final List<DiscoveryRule> BUILT_IN = List.of(
            new DiscoveryRule("promdeck", "app.kubernetes.io/part-of=promdeck, app.kubernetes.io/component=<component>",
                    Map.of("app.kubernetes.io/part-of", "promdeck"), componentsByLabel(), "app.kubernetes.io/component"),
            new DiscoveryRule("prometheus-operator", "operated-prometheus=true",
                    Map.of("operated-prometheus", "true"), Map.of("true", Component.PROMETHEUS), "operated-prometheus"),
            new DiscoveryRule("prometheus-operator", "operated-alertmanager=true",
                    Map.of("operated-alertmanager", "true"), Map.of("true", Component.ALERTMANAGER), "operated-alertmanager"),
            new DiscoveryRule("kubernetes-recommended", "app.kubernetes.io/name=prometheus|alertmanager",
                    Map.of(), Map.of("prometheus", Component.PROMETHEUS, "alertmanager", Component.ALERTMANAGER), "app.kubernetes.io/name"),
            new DiscoveryRule("kube-thanos", "app.kubernetes.io/name=thanos-query|thanos-store|thanos-compact|thanos-rule",
                    Map.of(), Map.of("thanos-query", Component.THANOS_QUERY, "thanos-store", Component.THANOS_STORE,
                            "thanos-compact", Component.THANOS_COMPACTOR, "thanos-rule", Component.THANOS_RULER), "app.kubernetes.io/name"),
            new DiscoveryRule("seed-manifests", "app=prometheus|alertmanager|thanos-querier|thanos-store-gateway|thanos-compactor",
                    Map.of(), Map.of("prometheus", Component.PROMETHEUS, "alertmanager", Component.ALERTMANAGER,
                            "thanos-querier", Component.THANOS_QUERY, "thanos-store-gateway", Component.THANOS_STORE,
                            "thanos-compactor", Component.THANOS_COMPACTOR, "thanos-ruler", Component.THANOS_RULER,
                            "grafana", Component.GRAFANA), "app"));

    public DiscoveryRule {
        required = Map.copyOf(required);
        byValueOf = Map.copyOf(byValueOf);
    }

    /** The component this rule assigns to a pod with these labels, if it applies. */
    public Optional<Component> match(Map<String, String> labels) {
        for (Map.Entry<String, String> needed : required.entrySet()) {
            if (!needed.getValue().equals(labels.get(needed.getKey()))) {
                return Optional.empty();
            }
        }
        String value = labels.get(key);
        return value == null ? Optional.empty() : Optional.ofNullable(byValueOf.get(value));
    }

    private static Map<String, Component> componentsByLabel() {
        Map<String, Component> map = new java.util.HashMap<>();
        for (Component c : Component.values()) {
            map.put(c.label(), c);
        }
        return map;
    }
}
