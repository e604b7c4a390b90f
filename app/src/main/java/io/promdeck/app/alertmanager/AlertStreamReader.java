package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.promdeck.app.http.MalformedReplyException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code GET /api/v2/alerts} straight from the bytes with Jackson's streaming parser: no intermediate tree, and
 * timestamps (most alerts share a few) parsed once each. At 10,000 alerts per peer this is the bulk of a refresh.
 */
final class AlertStreamReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, Instant> instants = new HashMap<>();

    static List<Alert> read(byte[] body) throws IOException {
        return new AlertStreamReader().readAll(body);
    }

    private List<Alert> readAll(byte[] body) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedReplyException("expected a JSON array of alerts");
            }
            List<Alert> alerts = new ArrayList<>(Math.max(16, body.length / 550));
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new MalformedReplyException("an alert is not a JSON object");
                }
                alerts.add(alert(p));
            }
            return alerts;
        }
    }

    private Alert alert(JsonParser p) throws IOException {
        String fingerprint = null;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        AlertState state = null;
        List<String> silencedBy = List.of();
        List<String> inhibitedBy = List.of();
        Instant startsAt = null;
        Instant endsAt = null;
        Instant updatedAt = null;
        String generator = "";
        List<String> receivers = List.of();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "fingerprint" -> fingerprint = text(p, field);
                case "labels" -> labels = stringMap(p, field);
                case "annotations" -> annotations = stringMap(p, field);
                case "startsAt" -> startsAt = instant(p, field);
                case "endsAt" -> endsAt = instant(p, field);
                case "updatedAt" -> updatedAt = instant(p, field);
                case "generatorURL" -> generator = value == JsonToken.VALUE_NULL ? "" : text(p, field);
                case "receivers" -> receivers = receivers(p);
                case "status" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new MalformedReplyException("'status' is missing or not an object");
                    }
                    while (p.nextToken() != JsonToken.END_OBJECT) {
                        String statusField = p.currentName();
                        p.nextToken();
                        switch (statusField) {
                            case "state" -> state = AlertState.parse(text(p, "state"));
                            case "silencedBy" -> silencedBy = strings(p, statusField);
                            case "inhibitedBy" -> inhibitedBy = strings(p, statusField);
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (fingerprint == null) {
            throw new MalformedReplyException("'fingerprint' is missing or not a string");
        }
        if (state == null) {
            throw new MalformedReplyException("'status' is missing or not an object");
        }
        return new Alert(fingerprint, labels, annotations, state, silencedBy, inhibitedBy, startsAt, endsAt, updatedAt, generator, receivers);
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedReplyException("'" + field + "' is missing or not a string");
        }
        return p.getText();
    }

    private static Map<String, String> stringMap(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedReplyException("'" + field + "' is not an object");
        }
        Map<String, String> map = new HashMap<>(16);
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new MalformedReplyException("'" + field + "." + key + "' is not a string");
            }
            map.put(key, p.getText());
        }
        return map;
    }

    private static List<String> strings(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedReplyException("'" + field + "' is not an array");
        }
        List<String> values = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.getText());
        }
        return values;
    }

    private static List<String> receivers(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedReplyException("'receivers' is not an array");
        }
        List<String> names = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String key = p.currentName();
                p.nextToken();
                if ("name".equals(key)) {
                    names.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return names;
    }

    private Instant instant(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        String text = text(p, field);
        if (text.isEmpty()) {
            return null;
        }
        Instant cached = instants.get(text);
        if (cached != null) {
            return cached;
        }
        try {
            Instant parsed = Instant.parse(text);
            instants.put(text, parsed);
            return parsed;
        } catch (DateTimeParseException e) {
            throw new MalformedReplyException("'" + field + "' is not a timestamp: " + text);
        }
    }
}
