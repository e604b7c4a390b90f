package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.MalformedReplyException;
import io.promdeck.app.http.UnreadableItem;
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

    /** Longer strings make an alert unreadable: a runaway label or annotation is a fault, not something to show. */
    static final int MAX_VALUE = 65_536;

    private final Map<String, Instant> instants = new HashMap<>();
    private String lastFingerprint = "";

    /**
     * Reads every alert; one that is valid JSON but not an alert Promdeck can read (a number where a label value
     * belongs, a value over {@value #MAX_VALUE} characters, a missing fingerprint) is kept apart with its raw text and
     * the rest still count. JSON that is broken as such (a truncated reply) fails the whole reply.
     */
    static Listing<Alert> read(byte[] body) throws IOException {
        return new AlertStreamReader().readAll(body);
    }

    private Listing<Alert> readAll(byte[] body) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedReplyException("expected a JSON array of alerts");
            }
            List<Alert> alerts = new ArrayList<>(Math.max(16, body.length / 550));
            List<UnreadableItem> unreadable = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new MalformedReplyException("the reply ends inside the list of alerts");
                }
                long start = p.currentTokenLocation().getByteOffset();
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    unreadable.add(new UnreadableItem("alert", "", "the item is not a JSON object", raw(body, start, p)));
                    continue;
                }
                try {
                    alerts.add(alert(p));
                } catch (MalformedReplyException | RuntimeException e) {
                    skipRestOfItem(p);
                    unreadable.add(new UnreadableItem("alert", lastFingerprint, e.getMessage(), raw(body, start, p)));
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedReplyException("unexpected content after the list of alerts");
            }
            return new Listing<>(alerts, unreadable);
        }
    }

    /**
     * After an item failed half-way: moves to the END_OBJECT that closes it. Jackson reports the list's own context
     * (depth 1) once that END_OBJECT is read; nested objects end at depth 2 or more.
     */
    private static void skipRestOfItem(JsonParser p) throws IOException {
        while (true) {
            JsonToken token = p.currentToken();
            if (token == null) {
                throw new MalformedReplyException("the reply ends inside an alert");
            }
            if (token == JsonToken.END_OBJECT && p.getParsingContext().getNestingDepth() == 1) {
                return;
            }
            p.nextToken();
        }
    }

    private static String raw(byte[] body, long start, JsonParser p) {
        long end = p.currentLocation().getByteOffset();
        int from = (int) Math.max(0, Math.min(start, body.length));
        int to = (int) Math.max(from, Math.min(end, body.length));
        int shown = Math.min(to - from, UnreadableItem.MAX_RAW * 4);
        return new String(body, from, shown, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Alert alert(JsonParser p) throws IOException {
        lastFingerprint = "";
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
                case "fingerprint" -> {
                    fingerprint = text(p, field);
                    lastFingerprint = fingerprint;
                }
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
        if (p.getTextLength() > MAX_VALUE) {
            throw new MalformedReplyException("'" + field + "' is " + p.getTextLength() + " characters long (Promdeck reads at most "
                    + MAX_VALUE + ")");
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
            map.put(key, text(p, field + "." + key));
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
            values.add(text(p, field));
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
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new MalformedReplyException("'receivers' holds something other than objects");
            }
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String key = p.currentName();
                p.nextToken();
                if ("name".equals(key)) {
                    names.add(text(p, "receivers.name"));
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
