package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.MalformedReplyException;
import io.promdeck.app.http.UnreadableItem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes Alertmanager v2 JSON; every missing or mistyped field becomes a {@link MalformedReplyException}. */
final class AlertmanagerJson {

    private AlertmanagerJson() {
    }

    static AlertmanagerStatus status(JsonNode root) throws MalformedReplyException {
        JsonNode cluster = object(root, "cluster");
        List<AlertmanagerStatus.Peer> peers = new ArrayList<>();
        for (JsonNode peer : array(cluster, "peers", true)) {
            peers.add(new AlertmanagerStatus.Peer(text(peer, "name"), text(peer, "address")));
        }
        String original = root.path("config").path("original").asText("");
        return new AlertmanagerStatus(
                cluster.path("name").asText(""),
                ClusterState.parse(text(cluster, "status")),
                peers,
                root.path("versionInfo").path("version").asText(""),
                root.path("versionInfo").path("goVersion").asText(""),
                original,
                io.promdeck.app.prometheus.ConfigHash.ofText(original),
                optionalInstant(root, "uptime"));
    }

    static List<Alert> alerts(JsonNode root) throws MalformedReplyException {
        if (!root.isArray()) {
            throw new MalformedReplyException("expected a JSON array of alerts");
        }
        List<Alert> alerts = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            alerts.add(alert(node));
        }
        return alerts;
    }

    static Alert alert(JsonNode node) throws MalformedReplyException {
        JsonNode status = object(node, "status");
        List<String> receivers = new ArrayList<>();
        for (JsonNode receiver : array(node, "receivers", true)) {
            receivers.add(receiver.path("name").asText());
        }
        return new Alert(
                text(node, "fingerprint"),
                stringMap(node, "labels"),
                stringMap(node, "annotations"),
                AlertState.parse(text(status, "state")),
                strings(status, "silencedBy"),
                strings(status, "inhibitedBy"),
                optionalInstant(node, "startsAt"),
                optionalInstant(node, "endsAt"),
                optionalInstant(node, "updatedAt"),
                node.path("generatorURL").asText(""),
                receivers);
    }

    static List<AlertGroup> groups(JsonNode root) throws MalformedReplyException {
        if (!root.isArray()) {
            throw new MalformedReplyException("expected a JSON array of alert groups");
        }
        List<AlertGroup> groups = new ArrayList<>();
        for (JsonNode node : root) {
            groups.add(new AlertGroup(stringMap(node, "labels"), node.path("receiver").path("name").asText(""),
                    alerts(array(node, "alerts", false))));
        }
        return groups;
    }

    /** Every silence of the reply; one Promdeck cannot read is kept apart with its text, the others still count. */
    static Listing<Silence> silences(JsonNode root) throws MalformedReplyException {
        if (!root.isArray()) {
            throw new MalformedReplyException("expected a JSON array of silences");
        }
        List<Silence> silences = new ArrayList<>(root.size());
        List<UnreadableItem> unreadable = new ArrayList<>();
        for (JsonNode node : root) {
            try {
                silences.add(silence(node));
            } catch (MalformedReplyException e) {
                JsonNode id = node.get("id");
                unreadable.add(new UnreadableItem("silence", id != null && id.isTextual() ? id.asText() : "", e.getMessage(), node.toString()));
            }
        }
        return new Listing<>(silences, unreadable);
    }

    static Silence silence(JsonNode node) throws MalformedReplyException {
        if (!node.isObject()) {
            throw new MalformedReplyException("the silence is not a JSON object");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (JsonNode m : array(node, "matchers", false)) {
            boolean isEqual = !m.has("isEqual") || bool(m, "isEqual");
            MatchType type = MatchType.of(m.has("isRegex") && bool(m, "isRegex"), isEqual);
            try {
                matchers.add(Matcher.of(text(m, "name"), type, text(m, "value")));
            } catch (MatcherSyntaxException e) {
                throw new MalformedReplyException("silence " + node.path("id").asText() + " has a matcher Promdeck cannot read: " + e.reason());
            }
        }
        return new Silence(
                text(node, "id"),
                matchers,
                optionalInstant(node, "startsAt"),
                optionalInstant(node, "endsAt"),
                optionalInstant(node, "updatedAt"),
                node.path("createdBy").asText(""),
                node.path("comment").asText(""),
                SilenceState.parse(node.path("status").path("state").asText(null)));
    }

    static ObjectNode postableSilence(ObjectMapper mapper, SilenceDraft draft) {
        ObjectNode body = mapper.createObjectNode();
        draft.existingId().ifPresent(id -> body.put("id", id));
        ArrayNode matchers = body.putArray("matchers");
        for (Matcher m : draft.matchers()) {
            matchers.addObject()
                    .put("name", m.name())
                    .put("value", m.value())
                    .put("isRegex", m.type().regex())
                    .put("isEqual", m.type().equal());
        }
        if (draft.startsAt() != null) {
            body.put("startsAt", draft.startsAt().toString());
        }
        if (draft.endsAt() != null) {
            body.put("endsAt", draft.endsAt().toString());
        }
        body.put("createdBy", draft.createdBy());
        body.put("comment", draft.comment());
        return body;
    }

    private static boolean bool(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new MalformedReplyException("'" + field + "' is not true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode object(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new MalformedReplyException("'" + field + "' is missing or not an object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, boolean nullable) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if ((value == null || value.isNull()) && nullable) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (value == null || !value.isArray()) {
            throw new MalformedReplyException("'" + field + "' is missing or not an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedReplyException("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field) throws MalformedReplyException {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(node, field, true)) {
            if (!value.isTextual()) {
                throw new MalformedReplyException("'" + field + "' holds something other than strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static Map<String, String> stringMap(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new MalformedReplyException("'" + field + "' is not an object");
        }
        Map<String, String> map = new HashMap<>(value.size() * 2);
        var fields = value.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw new MalformedReplyException("'" + field + "." + entry.getKey() + "' is not a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }

    private static Instant optionalInstant(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedReplyException("'" + field + "' is not a timestamp: " + value.asText());
        }
    }
}
