package io.promdeck.app.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One configuration of the stack as the operator edits it: a kind, a file name, and which replica or peer loads it
 * from which source. The replicas of a Kubernetes StatefulSet share one source; replicas run by hand may each have
 * their own file (kept equal apart from the replica label).
 *
 * @param group the HA group it belongs to ("" for the stack's one group)
 */
public record ConfigUnit(ConfigKind kind, String fileName, String group, List<Binding> bindings) {

    /** An endpoint and where it reads this configuration from. */
    public record Binding(String endpoint, ConfigSource source) {
    }

    public ConfigUnit {
        bindings = List.copyOf(bindings);
    }

    /** "Prometheus configuration (prometheus.yml)", "Rule file stack-rules.yml — dc1". */
    public String title() {
        String base = kind == ConfigKind.RULES ? kind.title() + " " + fileName : kind.title() + " (" + fileName + ")";
        return group.isEmpty() ? base : base + " — " + group;
    }

    /** The distinct sources, in the order of their first endpoint. */
    public List<ConfigSource> sources() {
        LinkedHashSet<ConfigSource> sources = new LinkedHashSet<>();
        bindings.forEach(b -> sources.add(b.source()));
        return new ArrayList<>(sources);
    }

    public List<String> endpoints() {
        return bindings.stream().map(Binding::endpoint).toList();
    }

    public ConfigSource sourceOf(String endpoint) {
        return bindings.stream().filter(b -> b.endpoint().equals(endpoint)).map(Binding::source).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(endpoint + " does not load " + fileName));
    }
}
