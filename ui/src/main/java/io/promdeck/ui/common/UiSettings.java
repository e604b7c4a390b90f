package io.promdeck.ui.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.promdeck.app.cluster.SettingsFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window geometry, last context, theme and refresh interval, kept as JSON in the settings folder. Read before the
 * first frame, so through Jackson's streaming API only: the object mapper would load some 600 classes first
 * (start-up time, jlink/bench-startup.sh). Unknown fields are skipped, a missing one keeps its default.
 */
public final class UiSettings {

    private static final Logger LOG = LoggerFactory.getLogger(UiSettings.class);
    private static final String FILE = "console.json";

    /** What is remembered between runs. */
    public record Values(double x, double y, double width, double height, String lastContext, String lastNamespace,
            boolean dark, long refreshMillis) {
        public static Values defaults() {
            return new Values(Double.NaN, Double.NaN, 1280, 800, null, null, false, 5000);
        }

        public Values withWindow(double nx, double ny, double w, double h) {
            return new Values(nx, ny, w, h, lastContext, lastNamespace, dark, refreshMillis);
        }

        public Values withContext(String context, String namespace) {
            return new Values(x, y, width, height, context, namespace, dark, refreshMillis);
        }

        public Values withDark(boolean value) {
            return new Values(x, y, width, height, lastContext, lastNamespace, value, refreshMillis);
        }
    }

    private final Path file;
    private static final JsonFactory JSON = new JsonFactory();

    public UiSettings(SettingsFolder folder) {
        this.file = folder.path().resolve(FILE);
    }

    public Values load() {
        if (!Files.exists(file)) {
            return Values.defaults();
        }
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable settings {}: {}", file, e.getMessage());
            return Values.defaults();
        }
    }

    private static Values read(JsonParser parser) throws IOException {
        Values d = Values.defaults();
        double x = d.x();
        double y = d.y();
        double width = d.width();
        double height = d.height();
        String context = d.lastContext();
        String namespace = d.lastNamespace();
        boolean dark = d.dark();
        long refresh = d.refreshMillis();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "x" -> x = number(parser, value);
                case "y" -> y = number(parser, value);
                case "width" -> width = number(parser, value);
                case "height" -> height = number(parser, value);
                case "lastContext" -> context = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                case "lastNamespace" -> namespace = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                case "dark" -> dark = parser.getValueAsBoolean();
                case "refreshMillis" -> refresh = parser.getValueAsLong(refresh);
                default -> parser.skipChildren();
            }
        }
        return new Values(x, y, width, height, context, namespace, dark, refresh);
    }

    /** A number, or "NaN" (how a window position never set is written). */
    private static double number(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return Double.parseDouble(parser.getText());
        }
        return parser.getDoubleValue();
    }

    /** Writes atomically; blocking (call it off the FX thread, or at exit). */
    public void save(Values values) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            try (JsonGenerator out = JSON.createGenerator(temp.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
                out.useDefaultPrettyPrinter();
                out.writeStartObject();
                out.writeNumberField("x", values.x());
                out.writeNumberField("y", values.y());
                out.writeNumberField("width", values.width());
                out.writeNumberField("height", values.height());
                out.writeStringField("lastContext", values.lastContext());
                out.writeStringField("lastNamespace", values.lastNamespace());
                out.writeBooleanField("dark", values.dark());
                out.writeNumberField("refreshMillis", values.refreshMillis());
                out.writeEndObject();
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save settings to {}: {}", file, e.getMessage());
        }
    }
}
