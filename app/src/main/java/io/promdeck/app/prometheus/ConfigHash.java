package io.promdeck.app.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A configuration hash that is equal on replicas that differ only in their replica external label.
 *
 * <p>The YAML is parsed and written back as JSON with sorted keys, so key order and formatting do not count;
 * {@code global.external_labels.<replicaLabel>} is removed first because HA replicas differ in it by design.
 */
public final class ConfigHash {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ConfigHash() {
    }

    /** @throws IOException when the text is not YAML */
    public static String of(String yaml, String replicaLabel) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || root.isMissingNode()) {
            root = CANONICAL.createObjectNode();
        }
        JsonNode labels = root.path("global").path("external_labels");
        if (labels instanceof ObjectNode objectLabels) {
            objectLabels.remove(replicaLabel);
        }
        Object sorted = CANONICAL.treeToValue(root, Object.class);
        byte[] canonical = CANONICAL.writeValueAsBytes(sorted);
        return HexFormat.of().formatHex(sha256(canonical));
    }

    /** The digest without any external label: equal on replicas that differ only in external labels. */
    public static String withoutExternalLabels(String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || root.isMissingNode()) {
            root = CANONICAL.createObjectNode();
        }
        JsonNode global = root.path("global");
        if (global instanceof ObjectNode objectGlobal) {
            objectGlobal.remove("external_labels");
        }
        Object sorted = CANONICAL.treeToValue(root, Object.class);
        return HexFormat.of().formatHex(sha256(CANONICAL.writeValueAsBytes(sorted)));
    }

    /** The same digest for any text (Alertmanager configurations have no replica label). */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
