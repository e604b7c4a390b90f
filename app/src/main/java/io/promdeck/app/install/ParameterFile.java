package io.promdeck.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parameters file for {@code promdeck install}: YAML (or JSON) mapping {@link Parameter} keys to values, e.g.
 * {@code prometheusReplicas: 3}, {@code imagePullSecrets: [corp-registry]}. Keys left out keep the installed value
 * (upgrade) or the default (install). A file holding a secret value must be readable by its owner only.
 */
public final class ParameterFile {

    /** A file that cannot be used, with every reason. */
    public static final class Refused extends Exception {
        private final List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private ParameterFile() {
    }

    public static Map<Parameter, String> read(Path file) throws IOException, Refused {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refused(List.of(file + " is not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new Refused(List.of(file + " must map parameter names to values, e.g. 'prometheusReplicas: 3'"));
        }
        Map<Parameter, String> values = new EnumMap<>(Parameter.class);
        List<String> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            var parameter = Parameter.byKey(field.getKey()).filter(p -> p.section() != Parameter.Section.HIDDEN);
            if (parameter.isEmpty()) {
                problems.add("unknown parameter '" + field.getKey() + "'" + suggestion(field.getKey()));
                continue;
            }
            JsonNode value = field.getValue();
            Parameter.Kind kind = parameter.get().kind();
            if (value.isArray() && (kind == Parameter.Kind.LIST || kind == Parameter.Kind.LINES)) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                values.put(parameter.get(), String.join(kind == Parameter.Kind.LINES ? "\n" : ", ", items));
            } else if (value.isValueNode()) {
                values.put(parameter.get(), value.isNull() ? "" : value.asText());
            } else {
                problems.add(field.getKey() + ": expected a single value" + (kind == Parameter.Kind.LIST || kind == Parameter.Kind.LINES ? " or a list" : ""));
            }
        }
        List<String> secrets = values.keySet().stream().filter(p -> p.kind() == Parameter.Kind.SECRET && !values.get(p).isBlank())
                .map(Parameter::key).toList();
        if (!secrets.isEmpty()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    problems.add(file + " holds secret values (" + String.join(", ", secrets) + ") and is readable by others ("
                            + PosixFilePermissions.toString(permissions) + "): run 'chmod 600 " + file + "'");
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the platform's own access rules apply.
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return values;
    }

    private static String suggestion(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
        for (Parameter p : Parameter.values()) {
            if (p.section() != Parameter.Section.HIDDEN && p.key().toLowerCase(java.util.Locale.ROOT).equals(lower)) {
                return " (did you mean '" + p.key() + "'?)";
            }
        }
        return "";
    }
}
