package io.promdeck.app.http;

/**
 * One item of a list reply that Promdeck could not read.
 *
 * @param kind   "alert", "silence", ...
 * @param id     its id or fingerprint when that much could be read, else ""
 * @param reason why it could not be read, a sentence
 * @param raw    its JSON text as received (cut to {@value #MAX_RAW} characters)
 */
public record UnreadableItem(String kind, String id, String reason, String raw) {

    public static final int MAX_RAW = 8192;

    public UnreadableItem {
        id = id == null ? "" : id;
        raw = raw == null ? "" : raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW) + "…";
    }
}
