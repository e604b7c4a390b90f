package io.promdeck.app.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What prometheus-operator generates from a resource's spec, for the parts the console checks and verifies:
 * <ul>
 * <li>an {@code AlertmanagerConfig} becomes receivers named {@code <namespace>/<name>/<receiver>}, one route under the
 * Alertmanager's top route that matches {@code namespace="<namespace>"} and continues (so every AlertmanagerConfig
 * sees the alert), and inhibit rules restricted to the namespace — camelCase fields in snake_case, matchers as
 * strings, as in the operator's generated configuration;</li>
 * <li>a {@code Prometheus} spec becomes the configuration's {@code global}: scrape and evaluation intervals, and the
 * external labels with {@code prometheus="<namespace>/<name>"} added.</li>
 * </ul>
 * Fields that name a Secret ({@code urlSecret}, {@code apiKey: {name, key}}) are resolved by the operator from the
 * Secret; they are left out here, and Alertmanager masks them when it serves its configuration anyway.
 */
public final class OperatorConversions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OperatorConversions() {
    }

    /** The part of the Alertmanager configuration the operator generates from this AlertmanagerConfig's spec. */
    public static ObjectNode alertmanager(String namespace, String name, JsonNode spec) {
        String prefix = namespace + "/" + name + "/";
        ObjectNode out = NODES.objectNode();
        ArrayNode receivers = out.putArray("receivers");
        for (JsonNode receiver : spec.path("receivers")) {
            ObjectNode converted = (ObjectNode) snake(receiver);
            converted.put("name", prefix + receiver.path("name").asText());
            receivers.add(converted);
        }
        if (spec.path("route").isObject()) {
            ObjectNode route = route(spec.path("route"), prefix);
            ArrayNode matchers = NODES.arrayNode();
            matchers.add("namespace=\"" + namespace + "\"");
            route.path("matchers").forEach(matchers::add);
            route.set("matchers", matchers);
            route.put("continue", true);
            out.putObject("route").putArray("routes").add(route);
        }
        if (spec.path("inhibitRules").isArray() && !spec.path("inhibitRules").isEmpty()) {
            ArrayNode rules = out.putArray("inhibit_rules");
            for (JsonNode rule : spec.path("inhibitRules")) {
                ObjectNode converted = NODES.objectNode();
                ArrayNode source = converted.putArray("source_matchers");
                source.add("namespace=\"" + namespace + "\"");
                rule.path("sourceMatch").forEach(m -> source.add(matcher(m)));
                ArrayNode target = converted.putArray("target_matchers");
                target.add("namespace=\"" + namespace + "\"");
                rule.path("targetMatch").forEach(m -> target.add(matcher(m)));
                if (rule.path("equal").isArray()) {
                    converted.set("equal", rule.path("equal").deepCopy());
                }
                rules.add(converted);
            }
        }
        return out;
    }

    /** A whole Alertmanager configuration around the fragment, for amtool: a root receiver that takes the rest. */
    public static ObjectNode checkable(ObjectNode fragment) {
        ObjectNode out = NODES.objectNode();
        ObjectNode route = out.putObject("route");
        route.put("receiver", "promdeck-check-root");
        route.set("routes", fragment.path("route").path("routes").isArray() ? fragment.path("route").path("routes").deepCopy() : NODES.arrayNode());
        ArrayNode receivers = out.putArray("receivers");
        receivers.addObject().put("name", "promdeck-check-root");
        fragment.path("receivers").forEach(r -> receivers.add(r.deepCopy()));
        if (fragment.has("inhibit_rules")) {
            out.set("inhibit_rules", fragment.get("inhibit_rules").deepCopy());
        }
        return out;
    }

    /** The {@code global} section the operator generates from a Prometheus spec, as far as the spec sets it. */
    public static ObjectNode prometheusGlobal(String namespace, String name, JsonNode spec) {
        ObjectNode out = NODES.objectNode();
        ObjectNode global = out.putObject("global");
        copy(spec, "scrapeInterval", global, "scrape_interval");
        copy(spec, "scrapeTimeout", global, "scrape_timeout");
        copy(spec, "evaluationInterval", global, "evaluation_interval");
        ObjectNode labels = global.putObject("external_labels");
        if (spec.path("externalLabels").isObject()) {
            spec.path("externalLabels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        }
        String prometheusLabel = spec.path("prometheusExternalLabelName").isTextual() ? spec.path("prometheusExternalLabelName").asText() : "prometheus";
        if (!prometheusLabel.isEmpty()) {
            labels.put(prometheusLabel, namespace + "/" + name);
        }
        return out;
    }

    private static void copy(JsonNode spec, String from, ObjectNode to, String key) {
        if (spec.path(from).isTextual()) {
            to.put(key, spec.path(from).asText());
        }
    }

    private static ObjectNode route(JsonNode route, String prefix) {
        ObjectNode out = NODES.objectNode();
        if (route.path("receiver").isTextual() && !route.path("receiver").asText().isEmpty()) {
            out.put("receiver", prefix + route.path("receiver").asText());
        }
        for (String field : new String[] {"groupBy", "groupWait", "groupInterval", "repeatInterval", "continue"}) {
            if (route.has(field)) {
                out.set(snakeName(field), route.get(field).deepCopy());
            }
        }
        if (route.path("matchers").isArray()) {
            ArrayNode matchers = out.putArray("matchers");
            route.path("matchers").forEach(m -> matchers.add(matcher(m)));
        }
        for (String field : new String[] {"muteTimeIntervals", "activeTimeIntervals"}) {
            if (route.path(field).isArray()) {
                ArrayNode names = out.putArray(snakeName(field));
                route.path(field).forEach(n -> names.add(prefix + n.asText()));
            }
        }
        if (route.path("routes").isArray()) {
            ArrayNode routes = out.putArray("routes");
            route.path("routes").forEach(child -> routes.add(route(child, prefix)));
        }
        return out;
    }

    /** {@code {name: severity, value: critical, matchType: "="}} (or {@code regex: true}) as {@code severity="critical"}. */
    public static String matcher(JsonNode matcher) {
        String type = matcher.path("matchType").isTextual() ? matcher.path("matchType").asText()
                : matcher.path("regex").asBoolean(false) ? "=~" : "=";
        return matcher.path("name").asText() + type + "\"" + matcher.path("value").asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The receiver's fields in snake_case, recursively; Secret references left out. */
    private static JsonNode snake(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (secretReference(f.getKey(), f.getValue())) {
                    continue;
                }
                out.set(snakeName(f.getKey()), snake(f.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(e -> out.add(snake(e)));
            return out;
        }
        return node.deepCopy();
    }

    private static boolean secretReference(String key, JsonNode value) {
        return key.endsWith("Secret") || value.isObject() && value.has("key") && value.has("name") && value.size() <= 3;
    }

    /** groupBy → group_by, apiURL → api_url, sendResolved → send_resolved. */
    static String snakeName(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(camel.charAt(i - 1))) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
