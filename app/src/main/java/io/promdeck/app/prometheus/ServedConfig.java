package io.promdeck.app.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the HA checks need out of the YAML a replica serves as its loaded configuration. */
final class ServedConfig {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ServedConfig() {
    }

    static LoadedConfig read(String yaml, String replicaLabel) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        Map<String, String> external = new LinkedHashMap<>();
        JsonNode labels = root == null ? null : root.path("global").path("external_labels");
        if (labels != null && labels.isObject()) {
            labels.fields().forEachRemaining(e -> external.put(e.getKey(), e.getValue().asText()));
        }
        List<Map<String, String>> relabel = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        JsonNode alerting = root == null ? null : root.path("alerting");
        if (alerting != null) {
            for (JsonNode rule : alerting.path("alert_relabel_configs")) {
                Map<String, String> fields = new LinkedHashMap<>();
                rule.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                relabel.add(fields);
            }
            for (JsonNode am : alerting.path("alertmanagers")) {
                for (JsonNode sc : am.path("static_configs")) {
                    for (JsonNode target : sc.path("targets")) {
                        targets.add(target.asText());
                    }
                }
            }
        }
        return new LoadedConfig(yaml, ConfigHash.of(yaml, replicaLabel), ConfigHash.withoutExternalLabels(yaml), external, relabel, targets);
    }
}
