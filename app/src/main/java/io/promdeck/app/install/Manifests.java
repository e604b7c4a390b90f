package io.promdeck.app.install;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bundled manifests/ folder, read from the classpath. */
public final class Manifests {

    private static final String ROOT = "/io/promdeck/manifests/";

    private Manifests() {
    }

    public static String read(String name) {
        try (InputStream in = Manifests.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("manifests/" + name + " is not bundled");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pinned images (manifests/images.yaml), in file order. */
    public static Map<String, String> images() {
        try {
            return new YAMLMapper().readValue(read("images.yaml"), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image with the registry mirror applied: {@code quay.io/prometheus/prometheus:v2} → {@code mirror/prometheus/prometheus:v2}. */
    public static String mirrored(String image, String mirror) {
        if (mirror == null || mirror.isBlank()) {
            return image;
        }
        String path = image;
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                path = image.substring(slash + 1);
            }
        }
        String prefix = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
        return prefix + "/" + path;
    }
}
