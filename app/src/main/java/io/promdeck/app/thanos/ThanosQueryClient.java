package io.promdeck.app.thanos;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdeck.app.http.ApiEnvelope;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.MalformedReplyException;
import io.promdeck.app.http.TransportRequest;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Thanos Query's HTTP API: the store set and readiness. */
public final class ThanosQueryClient {

    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private final ComponentApi api;

    public ThanosQueryClient(ComponentApi api) {
        this.api = api;
    }

    public String target() {
        return api.target();
    }

    public CallResult<StoreSet> stores() {
        return api.call(TransportRequest.get("/api/v1/stores"), response -> {
            JsonNode data = ApiEnvelope.data(response, api.mapper());
            if (!data.isObject()) {
                throw new MalformedReplyException("data is not an object of component types");
            }
            Map<String, List<StoreStatus>> byType = new LinkedHashMap<>();
            var types = data.fields();
            while (types.hasNext()) {
                var entry = types.next();
                if (entry.getValue().isNull()) {
                    continue;
                }
                if (!entry.getValue().isArray()) {
                    throw new MalformedReplyException("'" + entry.getKey() + "' is not an array");
                }
                List<StoreStatus> stores = new ArrayList<>();
                for (JsonNode node : entry.getValue()) {
                    stores.add(store(entry.getKey(), node));
                }
                byType.put(entry.getKey(), stores);
            }
            return new StoreSet(byType);
        });
    }

    /** {@code /api/v1/status/flags}: Query's command-line flags (its replica labels among them). */
    public CallResult<Map<String, String>> flags() {
        return api.call(TransportRequest.get("/api/v1/status/flags"), response -> ApiEnvelope.stringMap(ApiEnvelope.data(response, api.mapper()), "data"));
    }

    /** {@code /-/ready}: 200 "OK", or 503 "NOT OK" as an HTTP error. */
    public CallResult<String> ready() {
        return api.callForText(TransportRequest.get("/-/ready"));
    }

    private static StoreStatus store(String type, JsonNode node) throws MalformedReplyException {
        JsonNode name = ApiEnvelope.required(node, "name");
        JsonNode lastError = node.get("lastError");
        List<Map<String, String>> labelSets = new ArrayList<>();
        for (JsonNode set : node.path("labelSets")) {
            Map<String, String> labels = new LinkedHashMap<>();
            var fields = set.fields();
            while (fields.hasNext()) {
                var label = fields.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            labelSets.add(labels);
        }
        return new StoreStatus(
                type,
                name.asText(),
                instant(node.get("lastCheck")),
                lastError == null || lastError.isNull() || lastError.asText().isEmpty() ? Optional.empty() : Optional.of(lastError.asText()),
                labelSets,
                millis(node, "minTime"),
                millis(node, "maxTime"));
    }

    /** Reads a millisecond time; values at or past Long.MAX_VALUE (also the JavaScript-rounded 9223372036854776000) mean "now". */
    private static long millis(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = ApiEnvelope.required(node, field);
        if (!value.isNumber()) {
            throw new MalformedReplyException("'" + field + "' is not a number");
        }
        if (value.isBigInteger() || value.isFloatingPointNumber()) {
            BigInteger big = value.isBigInteger() ? value.bigIntegerValue() : value.decimalValue().toBigInteger();
            if (big.compareTo(MAX_LONG) >= 0) {
                return Long.MAX_VALUE;
            }
            return big.longValue();
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode value) throws MalformedReplyException {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedReplyException("lastCheck is not a timestamp: " + value.asText());
        }
    }
}
