package io.promdeck.app.install;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The output of {@link StackRenderer}: typed objects in apply order, the configuration files inside them (for
 * promtool and amtool), and the images they run.
 */
public record RenderedStack(StackParameters parameters, List<RenderedObject> objects, Map<String, String> configFiles) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    public RenderedStack {
        objects = List.copyOf(objects);
        configFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configFiles));
    }

    public Optional<RenderedObject> find(String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
    }

    /** The key of a Prometheus StatefulSet's configuration in {@link #configFiles}: "prometheus.yml", "prometheus-shard-1.yml". */
    public static String prometheusConfigKey(String statefulSet) {
        return statefulSet + ".yml";
    }

    /** Each Prometheus StatefulSet's configuration (one per shard), in shard order. */
    public Map<String, String> prometheusConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        for (String name : parameters.prometheusStatefulSets()) {
            configs.put(name, configFiles.get(prometheusConfigKey(name)));
        }
        return configs;
    }

    /** Components in apply order of their first object. */
    public List<String> components() {
        List<String> names = new ArrayList<>();
        for (RenderedObject o : objects) {
            if (!names.contains(o.component())) {
                names.add(o.component());
            }
        }
        return names;
    }

    /** All objects of a component as one multi-document YAML. */
    public String yaml(String component) {
        StringBuilder out = new StringBuilder();
        for (RenderedObject o : objects) {
            if (o.component().equals(component)) {
                out.append(SERIALIZATION.asYaml(o.object()));
            }
        }
        return out.toString();
    }

    /** Every object as one YAML stream. */
    public String yaml() {
        StringBuilder out = new StringBuilder();
        objects.forEach(o -> out.append(SERIALIZATION.asYaml(o.object())));
        return out.toString();
    }

    /** The images the stack runs (mirror applied), sorted: the list to copy for air-gapped clusters. */
    public List<String> images() {
        TreeSet<String> images = new TreeSet<>();
        for (RenderedObject o : objects) {
            StackRenderer.podSpec(o.object()).ifPresent(spec -> {
                spec.getContainers().forEach(c -> images.add(c.getImage()));
                if (spec.getInitContainers() != null) {
                    spec.getInitContainers().forEach(c -> images.add(c.getImage()));
                }
            });
        }
        return List.copyOf(images);
    }
}
