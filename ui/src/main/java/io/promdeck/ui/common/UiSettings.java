package io.promdeck.ui.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Window geometry, last context, theme and refresh interval, kept as JSON in the settings folder. */
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
    private final ObjectMapper mapper = Json.mapper();

    public UiSettings(SettingsFolder folder) {
        this.file = folder.path().resolve(FILE);
    }

    public Values load() {
        try {
            if (Files.exists(file)) {
                return mapper.readValue(file.toFile(), Values.class);
            }
        } catch (IOException e) {
            LOG.warn("ignoring unreadable settings {}: {}", file, e.getMessage());
        }
        return Values.defaults();
    }

    /** Writes atomically; blocking (call it off the FX thread, or at exit). */
    public void save(Values values) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.write(temp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(values));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save settings to {}: {}", file, e.getMessage());
        }
    }
}
