package io.promdeck.app.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A configuration as read from its source, with the version it had then: the object's resourceVersion for a
 * ConfigMap or Secret, the content's SHA-256 for a file. A write succeeds only if the source still has that version.
 */
public record SourceDocument(ConfigSource source, String content, String version) {

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 characters of the content's SHA-256, as the panels show it. */
    public String shortHash() {
        return sha256(content).substring(0, 12);
    }
}
