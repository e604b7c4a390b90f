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
 *
 * <p>Between refreshes most alerts do not change, byte for byte. Each alert object's bytes are hashed to 64 bits (a
 * multiply-rotate hash over 8 bytes at a time, CRC32C and the length folded in); an alert whose bytes hash as in the
 * peer's previous reply is that reply's {@link Alert}, reused without building its strings and maps again. Only new
 * or changed alerts are parsed. Two different alerts hashing alike — about 10^-11 per refresh at 10,000 alerts —
 * would show the older one until it changes again.
 */
final class AlertStreamReader {

    /**
     * A peer's previous reply: its listing and the content key of each of its alerts, in order; replaced by each reply.
     * Alertmanager answers in the same order each time (by fingerprint), so an alert is first compared with the one
     * after the last match, in order; only when that fails is the previous reply looked up by key (a table built then,
     * once per reply). Sequential reads, where a table per reply cost two random accesses per alert at 100,000 alerts.
     */
    static final class Previous {
        private volatile Reply reply = new Reply(new Listing<>(List.of(), List.of()), new long[0]);
    }

    private record Reply(Listing<Alert> listing, long[] keys) {
    }

    /** Positions of a previous reply's alerts by their 64-bit key, open addressing: two arrays, no entry objects. */
    private static final class ByContent {
        private final long[] keys;
        private final int[] positions;

        ByContent(long[] content) {
            int capacity = Integer.highestOneBit(Math.max(16, content.length * 4 / 3 + 1) - 1) << 1;
            keys = new long[capacity];
            positions = new int[capacity];
            java.util.Arrays.fill(positions, -1);
            int mask = capacity - 1;
            for (int position = 0; position < content.length; position++) {
                long key = content[position];
                int i = (int) (key ^ key >>> 32) & mask;
                while (positions[i] >= 0 && keys[i] != key) {
                    i = (i + 1) & mask;
                }
                if (positions[i] < 0) {
                    keys[i] = key;
                    positions[i] = position;
                }
            }
        }

        /** The first position holding {@code key}, or -1. */
        int get(long key) {
            int mask = keys.length - 1;
            for (int i = (int) (key ^ key >>> 32) & mask; positions[i] >= 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return positions[i];
                }
            }
            return -1;
        }
    }

    /** The content keys of a reply's alerts, in order: a growable {@code long[]} (not 100,000 boxed Longs per peer). */
    private static final class Keys {
        private long[] values;
        private int size;

        Keys(int expected) {
            values = new long[expected];
        }

        void add(long key) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = key;
        }

        long[] toArray() {
            return values.length == size ? values : java.util.Arrays.copyOf(values, size);
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Longer strings make an alert unreadable: a runaway label or annotation is a fault, not something to show. */
    static final int MAX_VALUE = 65_536;

    private final Map<String, Instant> instants = new HashMap<>();
    /** Short values seen in this reply (severity, job, namespace, receiver names…): one String each, not one per alert. */
    private final Map<String, String> strings = new HashMap<>();
    private String lastFingerprint = "";
    private java.util.function.Supplier<Map<String, Alert>> known = Map::of;
    private Map<String, Alert> knownNow;

    /**
     * Reads every alert; one that is valid JSON but not an alert Promdeck can read (a number where a label value
     * belongs, a value over {@value #MAX_VALUE} characters, a missing fingerprint) is kept apart with its raw text and
     * the rest still count. JSON that is broken as such (a truncated reply) fails the whole reply.
     */
    static Listing<Alert> read(byte[] body) throws IOException {
        return read(body, new Previous(), Map::of);
    }

    /**
     * As {@link #read(byte[])}, reusing the alerts of {@code previous} whose bytes did not change (and updating it);
     * an alert changed in its place shares the copy it replaces, a new one what the console already holds for its
     * fingerprint ({@code known}, asked once, only when such an alert had to be parsed; see {@link AlertSharing}).
     */
    static Listing<Alert> read(byte[] body, Previous previous, java.util.function.Supplier<Map<String, Alert>> known) throws IOException {
        AlertStreamReader reader = new AlertStreamReader();
        reader.known = known;
        Reply before = previous.reply;
        Keys keys = new Keys(Math.max(16, body.length / 550));
        Listing<Alert> listing = reader.readAll(body, before, keys);
        previous.reply = new Reply(listing, listing == before.listing() ? before.keys() : keys.toArray());
        return listing;
    }

    /**
     * Reads every item; {@code keys} gets the content key of each alert in {@code items}, in the same order. When every
     * alert is the previous reply's, in the same order, and neither reply held an unreadable item, the previous listing
     * itself is returned: what is derived from it (the merge, the table's rows) is then known unchanged by identity.
     */
    private Listing<Alert> readAll(byte[] body, Reply previous, Keys keys) throws IOException {
        List<Alert> before = previous.listing().items();
        long[] beforeKeys = previous.keys();
        ByContent byContent = null;
        int next = 0; // the position in the previous reply after the last alert found there
        boolean inOrder = true;
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
                // The object's bytes first (skipping is cheap: no strings made); an unchanged alert is reused as it was.
                p.skipChildren();
                int from = (int) start;
                int length = (int) (p.currentTokenLocation().getByteOffset() + 1 - start);
                long key = key(body, from, length);
                int at = next < beforeKeys.length && beforeKeys[next] == key ? next : -1;
                if (at < 0 && beforeKeys.length > 0) {
                    if (byContent == null) {
                        byContent = new ByContent(beforeKeys);
                    }
                    at = byContent.get(key);
                }
                if (at >= 0) {
                    inOrder &= at == alerts.size();
                    next = at + 1;
                    alerts.add(before.get(at));
                    keys.add(key);
                    continue;
                }
                inOrder = false;
                try (JsonParser item = FACTORY.createParser(body, from, length)) {
                    item.nextToken();
                    Alert parsed = alert(item);
                    Alert alert;
                    Alert inItsPlace = next < before.size() ? before.get(next) : null;
                    if (inItsPlace != null && inItsPlace.fingerprint().equals(parsed.fingerprint())) {
                        // Changed in place (re-sent, silenced…): shares the copy it replaces, the cursor stays in step.
                        alert = AlertSharing.share(parsed, Map.of(parsed.fingerprint(), inItsPlace));
                        next++;
                    } else {
                        if (knownNow == null) {
                            knownNow = this.known.get();
                        }
                        alert = AlertSharing.share(parsed, knownNow);
                    }
                    alerts.add(alert);
                    keys.add(key);
                } catch (MalformedReplyException | RuntimeException e) {
                    unreadable.add(new UnreadableItem("alert", lastFingerprint, e.getMessage(),
                            new String(body, from, Math.min(length, UnreadableItem.MAX_RAW * 4), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedReplyException("unexpected content after the list of alerts");
            }
            if (inOrder && alerts.size() == before.size() && unreadable.isEmpty() && previous.listing().unreadable().isEmpty()
                    && !before.isEmpty()) {
                return previous.listing();
            }
            return new Listing<>(alerts, unreadable);
        }
    }

    /** The bytes' key: a 64-bit multiply-rotate hash over 8 bytes at a time, with their CRC32C and length folded in. */
    private static long key(byte[] body, int from, int length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body, from, length);
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(body, i)) * 0xBF58476D1CE4E5B9L, 31);
        }
        for (; i < end; i++) {
            h = Long.rotateLeft((h ^ body[i]) * 0x94D049BB133111EBL, 17);
        }
        h ^= h >>> 33;
        h = (h * 0xFF51AFD7ED558CCDL) ^ (crc.getValue() << 32);
        return h == 0 ? 1 : h;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);

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
                case "generatorURL" -> generator = value == JsonToken.VALUE_NULL ? "" : shared(text(p, field));
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

    private String shared(String value) {
        if (value.length() > 128) {
            return value;
        }
        String held = strings.putIfAbsent(value, value);
        return held != null ? held : value;
    }

    private Map<String, String> stringMap(JsonParser p, String field) throws IOException {
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
            map.put(key, shared(text(p, field + "." + key)));
        }
        return map;
    }

    private List<String> strings(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedReplyException("'" + field + "' is not an array");
        }
        List<String> values = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(shared(text(p, field)));
        }
        return values;
    }

    private List<String> receivers(JsonParser p) throws IOException {
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
                    names.add(shared(text(p, "receivers.name")));
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
