package io.promdeck.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The {@code {"status":"success","data":...}} envelope Prometheus and Thanos Query wrap every answer in. */
public final class ApiEnvelope {

    private ApiEnvelope() {
    }

    /** The {@code data} member of a successful envelope. */
    public static JsonNode data(TransportResponse response, ObjectMapper mapper) throws IOException {
        ComponentApi.requireJsonBody(response);
        JsonNode root = mapper.readTree(response.body());
        if (root == null || !root.isObject()) {
            throw new MalformedReplyException("expected a JSON object with status and data");
        }
        String status = root.path("status").asText("");
        if (!"success".equals(status)) {
            String error = root.path("error").asText("");
            throw new MalformedReplyException("status is '" + status + "'" + (error.isEmpty() ? "" : ": " + error));
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new MalformedReplyException("the envelope has no data");
        }
        return data;
    }

    /** The {@code data} member bound to {@code type}. */
    public static <T> ReplyReader<T> dataAs(ObjectMapper mapper, Class<T> type) {
        return response -> {
            T value = mapper.treeToValue(data(response, mapper), type);
            if (value == null) {
                throw new MalformedReplyException("data is null");
            }
            return value;
        };
    }

    /** An object whose members are all strings (labels, flags), as an immutable map; anything else is malformed. */
    public static java.util.Map<String, String> stringMap(JsonNode node, String what) throws MalformedReplyException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return java.util.Map.of();
        }
        if (!node.isObject()) {
            throw new MalformedReplyException("'" + what + "' is not an object");
        }
        java.util.Map<String, String> map = new java.util.HashMap<>(node.size() * 2);
        var fields = node.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw new MalformedReplyException("'" + what + "." + entry.getKey() + "' is not a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return java.util.Map.copyOf(map);
    }

    /** A required member of an object node, or a malformed-reply error naming it. */
    public static JsonNode required(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedReplyException("missing field '" + field + "'");
        }
        return value;
    }
}
