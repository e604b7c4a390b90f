package io.promdeck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.promql.PromDuration;
import io.promdeck.app.promql.PromQl;
import io.promdeck.app.promql.PromQlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether what a component loaded is the configuration that was written. Prometheus ({@code /api/v1/status/config})
 * and Alertmanager ({@code config.original} of {@code /api/v2/status}, which despite its name is re-serialised too,
 * measured on 0.25) serve their configuration re-serialised: defaults filled in, zero values left out, secrets masked,
 * durations in their own units, {@code ${VAR}} expanded, relative paths resolved. The served tree is projected onto the
 * written one — every value written must be the value loaded — and both are hashed the same way, so "loaded hash =
 * applied hash" means exactly that. Rule files are compared group by group, rule by rule, queries as
 * PromQL trees (Prometheus re-prints them). The replica label is left out: each replica has its own value.
 */
public final class LoadedMatch {

    /**
     * @param equal       the loaded configuration is the written one
     * @param differences where they differ ("global.scrape_interval: written 30s, loaded 15s"), at most 20
     */
    public record Match(boolean equal, String appliedHash, String loadedHash, List<String> differences) {
        public Match {
            differences = List.copyOf(differences);
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SECRET = "<secret>";
    private static final int MAX_DIFFERENCES = 20;

    private LoadedMatch() {
    }

    /** Alertmanager's configuration against its {@code config.original}. */
    public static Match alertmanager(String written, String served) throws IOException {
        return tree(written, served, null);
    }

    /** Prometheus' main configuration against what {@code /api/v1/status/config} serves. */
    public static Match prometheus(String written, String served, String replicaLabel) throws IOException {
        return tree(written, served, replicaLabel);
    }

    /**
     * An AlertmanagerConfig's spec against Alertmanager's {@code config.original}: what the operator generates from it
     * (receivers {@code <namespace>/<name>/…}, its route under the top route, its inhibit rules) against the loaded
     * receivers of those names, the top route's child with its receiver, and the inhibit rules restricted to its
     * namespace, in order.
     */
    public static Match alertmanagerConfig(String namespace, String name, String writtenSpec, String served) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode generated = io.promdeck.app.operator.OperatorConversions.alertmanager(namespace, name,
                YAML.readTree(writtenSpec));
        JsonNode loaded = YAML.readTree(served);
        ObjectNode subset = NODES.objectNode();
        ArrayNode receivers = subset.putArray("receivers");
        for (JsonNode receiver : generated.path("receivers")) {
            JsonNode found = NODES.nullNode();
            for (JsonNode candidate : loaded.path("receivers")) {
                if (candidate.path("name").asText().equals(receiver.path("name").asText())) {
                    found = candidate;
                }
            }
            receivers.add(found);
        }
        if (generated.has("route")) {
            String receiver = generated.path("route").path("routes").path(0).path("receiver").asText();
            JsonNode found = NODES.nullNode();
            for (JsonNode child : loaded.path("route").path("routes")) {
                if (child.path("receiver").asText().equals(receiver) && child.path("matchers").toString().contains("namespace=\\\"" + namespace)) {
                    found = child;
                }
            }
            subset.putObject("route").putArray("routes").add(found);
        }
        if (generated.has("inhibit_rules")) {
            ArrayNode rules = subset.putArray("inhibit_rules");
            for (JsonNode rule : loaded.path("inhibit_rules")) {
                if (rule.path("source_matchers").path(0).asText().equals("namespace=\"" + namespace + "\"")) {
                    rules.add(rule);
                }
            }
        }
        return compare(generated, subset, null);
    }

    /** A Prometheus resource's spec against {@code /api/v1/status/config}: the {@code global} the operator generates from it. */
    public static Match prometheusSpec(String namespace, String name, String writtenSpec, String served, String replicaLabel) throws IOException {
        JsonNode generated = io.promdeck.app.operator.OperatorConversions.prometheusGlobal(namespace, name, YAML.readTree(writtenSpec));
        return compare(generated, YAML.readTree(served), replicaLabel);
    }

    private static Match tree(String written, String served, String replicaLabel) throws IOException {
        return compare(YAML.readTree(written), YAML.readTree(served), replicaLabel);
    }

    private static Match compare(JsonNode source, JsonNode loaded, String replicaLabel) throws IOException {
        if (source == null || !source.isObject()) {
            throw new IOException("the written configuration is not a YAML mapping");
        }
        dropReplicaLabel(source, replicaLabel);
        dropReplicaLabel(loaded, replicaLabel);
        List<String> differences = new ArrayList<>();
        JsonNode normalised = normalise(source);
        JsonNode projected = project(source, loaded, "", "", differences);
        String a = hash(normalised);
        String b = hash(projected);
        return new Match(a.equals(b), a, b, differences.subList(0, Math.min(MAX_DIFFERENCES, differences.size())));
    }

    private static void dropReplicaLabel(JsonNode root, String replicaLabel) {
        if (root != null && root.path("global").path("external_labels") instanceof ObjectNode labels && replicaLabel != null) {
            labels.remove(replicaLabel);
        }
    }

    /** The served tree seen through the written one's shape, values normalised; where served disagrees, noted. */
    private static JsonNode project(JsonNode source, JsonNode served, String path, String key, List<String> differences) {
        if (source == null || source.isNull()) {
            return NODES.nullNode();
        }
        if (source.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue() == null || f.getValue().isNull()) {
                    continue;
                }
                JsonNode there = served == null ? null : served.get(f.getKey());
                out.set(f.getKey(), project(f.getValue(), there, path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getKey(), differences));
            }
            return out;
        }
        if (source.isArray()) {
            ArrayNode out = NODES.arrayNode();
            int loadedSize = served != null && served.isArray() ? served.size() : 0;
            for (int i = 0; i < source.size(); i++) {
                out.add(project(source.get(i), i < loadedSize ? served.get(i) : null, path + "[" + i + "]", key, differences));
            }
            if (loadedSize > source.size()) {
                differences.add(path + ": " + (loadedSize - source.size()) + " more entries loaded than written");
                out.add(NODES.textNode("<" + (loadedSize - source.size()) + " more loaded>"));
            }
            return out;
        }
        JsonNode written = scalar(source);
        if (served == null || served.isMissingNode() || served.isNull()) {
            if (zero(written)) {
                // Left out when serialised because it is the zero value (omitempty): false, 0, "".
                return written;
            }
            differences.add(path + ": written " + source.asText() + ", not loaded");
            return NODES.textNode("<missing>");
        }
        String loadedText = served.asText();
        String writtenText = source.asText();
        if (SECRET.equals(loadedText) || writtenText.contains("${")) {
            // Masked by Prometheus, or expanded from the environment: what was written is all that can be compared.
            return written;
        }
        if ((key.endsWith("_file") || key.equals("rule_files") || key.endsWith("_files")) && (loadedText.equals(writtenText)
                || loadedText.endsWith("/" + writtenText))) {
            // Relative paths are loaded resolved against the configuration's folder.
            return written;
        }
        JsonNode loaded = scalar(served);
        if (!loaded.equals(written)) {
            differences.add(path + ": written " + writtenText + ", loaded " + loadedText);
        }
        return loaded;
    }

    private static boolean zero(JsonNode scalar) {
        return scalar.isBoolean() && !scalar.asBoolean() || scalar.isNumber() && scalar.decimalValue().signum() == 0
                || scalar.isTextual() && scalar.asText().isEmpty();
    }

    /** A scalar as compared: durations in milliseconds, numbers as numbers, the rest as text. */
    private static JsonNode scalar(JsonNode node) {
        String text = node.asText();
        long millis = PromDuration.millis(text);
        if (millis >= 0 && !text.chars().allMatch(Character::isDigit)) {
            return NODES.numberNode(millis);
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.isBoolean() ? NODES.booleanNode(node.asBoolean()) : NODES.numberNode(node.decimalValue().stripTrailingZeros());
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return NODES.numberNode(new java.math.BigDecimal(text).stripTrailingZeros());
        }
        if (text.equals("true") || text.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        return NODES.textNode(text);
    }

    private static JsonNode normalise(JsonNode node) {
        if (node == null || node.isNull()) {
            return NODES.nullNode();
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            node.fields().forEachRemaining(f -> {
                if (f.getValue() != null && !f.getValue().isNull()) {
                    out.set(f.getKey(), normalise(f.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(e -> out.add(normalise(e)));
            return out;
        }
        return scalar(node);
    }

    /** A tree's hash, independent of key order. */
    static String hash(JsonNode node) {
        return SourceDocument.sha256(canonical(node)).substring(0, 12);
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), canonical(f.getValue())));
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append('"').append(k).append("\":").append(v).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(e -> out.append(canonical(e)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    /**
     * A rule file against the groups Prometheus loaded from a file of that name ({@code /api/v1/rules}): the same
     * groups in order, the same rules in order, each with the same kind, name, query (as PromQL), {@code for},
     * labels and annotations.
     */
    public static Match rules(String written, String fileName, List<RuleGroup> loaded) throws IOException {
        JsonNode source = YAML.readTree(written);
        List<String> differences = new ArrayList<>();
        ArrayNode mine = NODES.arrayNode();
        ArrayNode theirs = NODES.arrayNode();
        List<RuleGroup> fromFile = loaded.stream().filter(g -> g.file().equals(fileName) || g.file().endsWith("/" + fileName)).toList();
        JsonNode groups = source == null ? NODES.arrayNode() : source.path("groups");
        for (int i = 0; i < groups.size(); i++) {
            JsonNode group = groups.get(i);
            String name = group.path("name").asText();
            RuleGroup there = i < fromFile.size() ? fromFile.get(i) : null;
            ObjectNode a = mine.addObject().put("group", name);
            ObjectNode b = theirs.addObject().put("group", there == null ? "<missing>" : there.name());
            if (there == null || !there.name().equals(name)) {
                differences.add("group " + name + ": " + (there == null ? "not loaded" : "loaded group " + there.name() + " in its place"));
                continue;
            }
            ArrayNode ra = a.putArray("rules");
            ArrayNode rb = b.putArray("rules");
            JsonNode rules = group.path("rules");
            for (int r = 0; r < rules.size(); r++) {
                JsonNode rule = rules.get(r);
                boolean alerting = rule.has("alert");
                String ruleName = alerting ? rule.path("alert").asText() : rule.path("record").asText();
                ra.add(ruleTree(alerting, ruleName, rule.path("expr").asText(), alerting ? PromDuration.millis(rule.path("for").asText("0s"))
                        : 0, strings(rule.path("labels")), alerting ? strings(rule.path("annotations")) : Map.of()));
                RuleGroup.Rule loadedRule = r < there.rules().size() ? there.rules().get(r) : null;
                if (loadedRule == null) {
                    differences.add("group " + name + ", rule " + ruleName + ": not loaded");
                    rb.add("<missing>");
                    continue;
                }
                ObjectNode lb = ruleTree(loadedRule.alerting(), loadedRule.name(), loadedRule.query(), Math.round(loadedRule.duration() * 1000),
                        loadedRule.labels(), loadedRule.annotations());
                if (!lb.equals(ra.get(r))) {
                    differences.add("group " + name + ", rule " + ruleName + ": loaded " + (loadedRule.name().equals(ruleName) ? "differently"
                            : "rule " + loadedRule.name() + " in its place"));
                }
                rb.add(lb);
            }
            if (there.rules().size() > rules.size()) {
                differences.add("group " + name + ": " + (there.rules().size() - rules.size()) + " more rules loaded than written");
                rb.add("<more>");
            }
        }
        if (fromFile.size() > groups.size()) {
            differences.add((fromFile.size() - groups.size()) + " more groups loaded from " + fileName + " than written");
            theirs.add("<more>");
        }
        String a = hash(mine);
        String b = hash(theirs);
        return new Match(a.equals(b), a, b, differences.subList(0, Math.min(MAX_DIFFERENCES, differences.size())));
    }

    private static ObjectNode ruleTree(boolean alerting, String name, String query, long forMillis, Map<String, String> labels,
            Map<String, String> annotations) {
        ObjectNode rule = NODES.objectNode().put("type", alerting ? "alerting" : "recording").put("name", name);
        try {
            rule.put("query", PromQl.parse(query).toString());
        } catch (PromQlException e) {
            rule.put("query", query.strip());
        }
        rule.put("for", forMillis);
        ObjectNode l = rule.putObject("labels");
        new TreeMap<>(labels).forEach(l::put);
        ObjectNode a = rule.putObject("annotations");
        new TreeMap<>(annotations).forEach(a::put);
        return rule;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }
}
