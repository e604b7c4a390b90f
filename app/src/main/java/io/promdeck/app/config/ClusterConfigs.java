package io.promdeck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredPod;
import io.promdeck.app.cluster.DiscoveredStack;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where a cluster stack's configurations come from, read from the pods themselves: the {@code --config.file} argument
 * of the Prometheus and Alertmanager containers, the volume mounted there (a ConfigMap or Secret key, directly, through
 * {@code items}, {@code subPath} or a projected volume), and for the rule files the {@code rule_files} patterns of
 * that configuration matched against the keys of the volume mounted at their folder. A configuration generated inside
 * the pod (an operator's config-reloader writing to an emptyDir) has no source here: it is listed with the reason.
 */
public final class ClusterConfigs implements ConfigLocator {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final KubernetesClient client;
    private final DiscoveredStack stack;
    private final KubeConfigStore store;
    private final List<String> unsupported = new ArrayList<>();
    private final Duration syncBound;

    public ClusterConfigs(KubernetesClient client, DiscoveredStack stack) {
        this(client, stack, KUBELET);
    }

    /** @param syncBound how long a replica may take to see an updated ConfigMap (tests shorten it) */
    public ClusterConfigs(KubernetesClient client, DiscoveredStack stack, Duration syncBound) {
        this.client = client;
        this.stack = stack;
        this.store = new KubeConfigStore(client);
        this.syncBound = syncBound;
    }

    /** Why some pods' configurations have no editable source (filled by {@link #locate()}). */
    public List<String> unsupported() {
        return List.copyOf(unsupported);
    }

    @Override
    public List<ConfigUnit> locate() throws IOException {
        unsupported.clear();
        List<ConfigUnit> units = new ArrayList<>();
        Map<ConfigSource, List<ConfigUnit.Binding>> prometheus = new LinkedHashMap<>();
        Map<ConfigSource, List<ConfigUnit.Binding>> rules = new LinkedHashMap<>();
        for (DiscoveredPod p : stack.of(Component.PROMETHEUS)) {
            Optional<Located> located = locate(p, "/etc/prometheus/prometheus.yml");
            if (located.isEmpty()) {
                continue;
            }
            prometheus.computeIfAbsent(located.get().source(), s -> new ArrayList<>()).add(new ConfigUnit.Binding(p.name(), located.get().source()));
            for (ConfigSource rule : ruleSources(located.get())) {
                rules.computeIfAbsent(rule, r -> new ArrayList<>()).add(new ConfigUnit.Binding(p.name(), rule));
            }
        }
        prometheus.forEach((source, bindings) -> units.add(new ConfigUnit(ConfigKind.PROMETHEUS, source.fileName(), "", bindings)));
        rules.forEach((source, bindings) -> units.add(new ConfigUnit(ConfigKind.RULES, source.fileName(), "", bindings)));
        List<ConfigUnit.Binding> alertmanagers = new ArrayList<>();
        for (DiscoveredPod p : stack.of(Component.ALERTMANAGER)) {
            locate(p, "/etc/alertmanager/alertmanager.yml").ifPresent(l -> alertmanagers.add(new ConfigUnit.Binding(p.name(), l.source())));
        }
        if (!alertmanagers.isEmpty()) {
            units.add(new ConfigUnit(ConfigKind.ALERTMANAGER, alertmanagers.get(0).source().fileName(), "", alertmanagers));
        }
        return units;
    }

    /** A configuration file in a pod: its source, and the pod and container it was found in. */
    private record Located(ConfigSource source, String path, Pod pod, Container container) {
    }

    private Optional<Located> locate(DiscoveredPod discovered, String defaultPath) throws IOException {
        Pod pod;
        try {
            pod = client.pods().inNamespace(discovered.namespace()).withName(discovered.name()).get();
        } catch (KubernetesClientException e) {
            throw new IOException("Cannot read pod " + discovered.name() + ": " + e.getMessage(), e);
        }
        if (pod == null || pod.getSpec() == null) {
            unsupported.add(discovered.name() + ": the pod is gone");
            return Optional.empty();
        }
        for (Container c : pod.getSpec().getContainers()) {
            Optional<String> path = configFileArg(c);
            if (path.isPresent() || c.getName().equals(discovered.component() == Component.PROMETHEUS ? "prometheus" : "alertmanager")) {
                String file = path.orElse(defaultPath);
                Optional<ConfigSource> source = source(pod, c, file);
                if (source.isEmpty()) {
                    unsupported.add(discovered.name() + ": " + file + " is not a ConfigMap or Secret key mounted into " + c.getName()
                            + " (generated in the pod?)");
                    return Optional.empty();
                }
                return Optional.of(new Located(source.get(), file, pod, c));
            }
        }
        unsupported.add(discovered.name() + ": no container with --config.file");
        return Optional.empty();
    }

    private static Optional<String> configFileArg(Container c) {
        List<String> args = new ArrayList<>();
        if (c.getCommand() != null) {
            args.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
            args.addAll(c.getArgs());
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--config.file=")) {
                return Optional.of(a.substring("--config.file=".length()));
            }
            if (a.equals("--config.file") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** The ConfigMap or Secret key mounted at {@code path} in the container, if any. */
    private static Optional<ConfigSource> source(Pod pod, Container c, String path) {
        VolumeMount best = null;
        for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            String mountPath = m.getMountPath().replaceAll("/+$", "");
            if ((path.equals(mountPath) || path.startsWith(mountPath + "/")) && (best == null || mountPath.length() > best.getMountPath().length())) {
                best = m;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.equals(best.getMountPath().replaceAll("/+$", "")) ? "" : path.substring(best.getMountPath().replaceAll("/+$", "").length() + 1);
        String name = best.getName();
        Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElse(null);
        if (volume == null) {
            return Optional.empty();
        }
        String relative = best.getSubPath() != null && !best.getSubPath().isEmpty() ? (rest.isEmpty() ? best.getSubPath() : best.getSubPath() + "/" + rest)
                : rest;
        String ns = pod.getMetadata().getNamespace();
        if (volume.getConfigMap() != null) {
            return Optional.of(new ConfigSource.ConfigMapKey(ns, volume.getConfigMap().getName(), key(volume.getConfigMap().getItems(), relative)));
        }
        if (volume.getSecret() != null) {
            return Optional.of(new ConfigSource.SecretKey(ns, volume.getSecret().getSecretName(), key(volume.getSecret().getItems(), relative)));
        }
        if (volume.getProjected() != null) {
            for (var projection : volume.getProjected().getSources()) {
                if (projection.getConfigMap() != null && (projection.getConfigMap().getItems() == null
                        || projection.getConfigMap().getItems().stream().anyMatch(i -> i.getPath().equals(relative)))) {
                    return Optional.of(new ConfigSource.ConfigMapKey(ns, projection.getConfigMap().getName(),
                            key(projection.getConfigMap().getItems(), relative)));
                }
                if (projection.getSecret() != null && (projection.getSecret().getItems() == null
                        || projection.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(relative)))) {
                    return Optional.of(new ConfigSource.SecretKey(ns, projection.getSecret().getName(), key(projection.getSecret().getItems(), relative)));
                }
            }
        }
        return Optional.empty();
    }

    private static String key(List<KeyToPath> items, String relative) {
        if (items != null) {
            for (KeyToPath item : items) {
                if (item.getPath().equals(relative)) {
                    return item.getKey();
                }
            }
        }
        return relative;
    }

    /** The rule files a Prometheus configuration names, as ConfigMap or Secret keys of the volumes at their folders. */
    private List<ConfigSource> ruleSources(Located config) throws IOException {
        JsonNode tree;
        try {
            tree = YAML.readTree(store.read(config.source()).content());
        } catch (IOException e) {
            unsupported.add(config.pod().getMetadata().getName() + ": cannot read its configuration for the rule files: " + e.getMessage());
            return List.of();
        }
        if (tree == null) {
            return List.of();
        }
        TreeSet<String> seen = new TreeSet<>();
        List<ConfigSource> out = new ArrayList<>();
        Path configDir = Path.of(config.path()).getParent();
        for (JsonNode pattern : tree.path("rule_files")) {
            Path full = configDir == null ? Path.of(pattern.asText()) : configDir.resolve(pattern.asText());
            Path dir = full.getParent();
            Optional<ConfigSource> folder = dir == null ? Optional.empty() : source(config.pod(), config.container(), dir.toString() + "/" + "x");
            if (folder.isEmpty()) {
                unsupported.add(config.pod().getMetadata().getName() + ": the rule files " + pattern.asText() + " are not in a mounted ConfigMap or Secret");
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full.getFileName());
            for (String key : keys(folder.get())) {
                if (matcher.matches(Path.of(key)) && seen.add(folder.get().describe() + "/" + key)) {
                    out.add(withKey(folder.get(), key));
                }
            }
        }
        return out;
    }

    private List<String> keys(ConfigSource folder) {
        if (folder instanceof ConfigSource.ConfigMapKey cm) {
            ConfigMap map = client.configMaps().inNamespace(cm.namespace()).withName(cm.name()).get();
            return map == null || map.getData() == null ? List.of() : new ArrayList<>(new TreeSet<>(map.getData().keySet()));
        }
        if (folder instanceof ConfigSource.SecretKey sk) {
            Secret secret = client.secrets().inNamespace(sk.namespace()).withName(sk.name()).get();
            return secret == null || secret.getData() == null ? List.of() : new ArrayList<>(new TreeSet<>(secret.getData().keySet()));
        }
        return List.of();
    }

    private static ConfigSource withKey(ConfigSource folder, String key) {
        if (folder instanceof ConfigSource.ConfigMapKey cm) {
            return new ConfigSource.ConfigMapKey(cm.namespace(), cm.name(), key);
        }
        ConfigSource.SecretKey sk = (ConfigSource.SecretKey) folder;
        return new ConfigSource.SecretKey(sk.namespace(), sk.name(), key);
    }

    @Override
    public ConfigStore store() {
        return store;
    }

    @Override
    public Duration syncBound() {
        return syncBound;
    }
}
