package io.promdeck.app.sandbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where Promdeck keeps data it makes (the local stack's processes, configs and samples): not settings, not secrets. */
public final class DataFolder {

    private DataFolder() {
    }

    /** {@code $XDG_DATA_HOME/promdeck} or {@code ~/.local/share/promdeck}; the platform's place on macOS and Windows. */
    public static Path forPlatform(Map<String, String> environment, Path home, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Promdeck");
        }
        if (os.startsWith("win")) {
            String local = environment.get("LOCALAPPDATA");
            return local == null ? home.resolve("AppData").resolve("Local").resolve("Promdeck") : Path.of(local, "Promdeck");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        return xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share").resolve("promdeck") : Path.of(xdg, "promdeck");
    }
}
