package io.promdeck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configurations in files on this workstation: each Prometheus' and Alertmanager's file as given (a direct-URL
 * profile's {@code configFile}, a local stack's own files), and the rule files each Prometheus configuration names
 * ({@code rule_files}, globs expanded, relative to the configuration's folder) — a rule file shared by replicas is
 * one configuration with several replicas.
 */
public final class FileConfigs implements ConfigLocator {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** A Prometheus or Alertmanager endpoint and its configuration file, with the HA group it belongs to. */
    public record Config(String endpoint, Path file, String group) {
    }

    private final List<Config> prometheus;
    private final List<Config> alertmanagers;
    private final FileConfigStore store = new FileConfigStore();

    public FileConfigs(List<Config> prometheus, List<Config> alertmanagers) {
        this.prometheus = List.copyOf(prometheus);
        this.alertmanagers = List.copyOf(alertmanagers);
    }

    @Override
    public List<ConfigUnit> locate() throws IOException {
        List<ConfigUnit> units = new ArrayList<>();
        Map<String, List<ConfigUnit.Binding>> byGroup = new LinkedHashMap<>();
        Map<Path, List<ConfigUnit.Binding>> rules = new LinkedHashMap<>();
        for (Config c : prometheus) {
            byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(new ConfigUnit.Binding(c.endpoint(), new ConfigSource.File(c.file())));
            for (Path rule : ruleFiles(c.file())) {
                rules.computeIfAbsent(rule, r -> new ArrayList<>()).add(new ConfigUnit.Binding(c.endpoint(), new ConfigSource.File(rule)));
            }
        }
        byGroup.forEach((group, bindings) -> units.add(new ConfigUnit(ConfigKind.PROMETHEUS, fileName(bindings), group, bindings)));
        rules.forEach((file, bindings) -> units.add(new ConfigUnit(ConfigKind.RULES, file.getFileName().toString(), "", bindings)));
        if (!alertmanagers.isEmpty()) {
            List<ConfigUnit.Binding> bindings = alertmanagers.stream().map(c -> new ConfigUnit.Binding(c.endpoint(), new ConfigSource.File(c.file())))
                    .toList();
            units.add(new ConfigUnit(ConfigKind.ALERTMANAGER, fileName(bindings), "", bindings));
        }
        return units;
    }

    private static String fileName(List<ConfigUnit.Binding> bindings) {
        return bindings.get(0).source().fileName();
    }

    /** The rule files a Prometheus configuration file names, globs expanded, sorted. */
    static List<Path> ruleFiles(Path config) throws IOException {
        JsonNode tree = YAML.readTree(Files.readString(config));
        List<Path> out = new ArrayList<>();
        if (tree == null) {
            return out;
        }
        Path dir = config.toAbsolutePath().getParent();
        for (JsonNode pattern : tree.path("rule_files")) {
            Path p = dir.resolve(pattern.asText());
            if (!pattern.asText().contains("*") && !pattern.asText().contains("?") && !pattern.asText().contains("[")) {
                if (Files.isRegularFile(p)) {
                    out.add(p.normalize());
                }
                continue;
            }
            Path parent = p.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
            try (Stream<Path> files = Files.list(parent)) {
                files.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName())).sorted().forEach(f -> out.add(f.normalize()));
            }
        }
        return out;
    }

    @Override
    public ConfigStore store() {
        return store;
    }

    @Override
    public Duration syncBound() {
        return FILES;
    }
}
