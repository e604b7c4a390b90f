package io.promdeck.app.config;

import java.nio.file.Path;

/** Where a replica's configuration comes from: a file on this workstation, or a key of a ConfigMap or Secret the pod mounts. */
public sealed interface ConfigSource {

    /** "file /srv/prom/prometheus.yml", "ConfigMap monitoring/prometheus-config, key prometheus.yml". */
    String describe();

    /** The file name the configuration has where it is loaded (for matching rule files, and for the tools). */
    String fileName();

    record File(Path path) implements ConfigSource {
        @Override
        public String describe() {
            return "file " + path;
        }

        @Override
        public String fileName() {
            return path.getFileName().toString();
        }
    }

    record ConfigMapKey(String namespace, String name, String key) implements ConfigSource {
        @Override
        public String describe() {
            return "ConfigMap " + namespace + "/" + name + ", key " + key;
        }

        @Override
        public String fileName() {
            return key;
        }
    }

    record SecretKey(String namespace, String name, String key) implements ConfigSource {
        @Override
        public String describe() {
            return "Secret " + namespace + "/" + name + ", key " + key;
        }

        @Override
        public String fileName() {
            return key;
        }
    }

    /**
     * The rule groups of a prometheus-operator {@code PrometheusRule} ({@code spec.groups}), edited as a rule file; the
     * operator writes them to {@code fileName} in the Prometheus pods and its config-reloader reloads.
     */
    record PrometheusRuleSpec(String namespace, String name, String fileName) implements ConfigSource {
        @Override
        public String describe() {
            return "PrometheusRule " + namespace + "/" + name + " (spec.groups)";
        }
    }

    /**
     * The whole {@code spec} of a prometheus-operator resource (an {@code AlertmanagerConfig}, a {@code Prometheus}),
     * edited as YAML; the operator generates configuration from it and its config-reloader reloads.
     */
    record ResourceSpec(String apiVersion, String kind, String plural, String namespace, String name) implements ConfigSource {
        @Override
        public String describe() {
            return kind + " " + namespace + "/" + name + " (spec)";
        }

        @Override
        public String fileName() {
            return namespace + "/" + name;
        }
    }
}
