package io.promdeck.app.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where Promdeck keeps its own settings: never the kubeconfig, never a secret. */
public record SettingsFolder(Path path) {

    /** The platform's usual place: {@code $XDG_CONFIG_HOME/promdeck} or {@code ~/.config/promdeck}, macOS and Windows alike. */
    public static SettingsFolder forPlatform(Map<String, String> environment, Path home, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return new SettingsFolder(home.resolve("Library").resolve("Application Support").resolve("Promdeck"));
        }
        if (os.startsWith("win")) {
            String appData = environment.get("APPDATA");
            return new SettingsFolder(appData == null ? home.resolve("AppData").resolve("Roaming").resolve("Promdeck")
                    : Path.of(appData, "Promdeck"));
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        return new SettingsFolder(xdg == null || xdg.isBlank() ? home.resolve(".config").resolve("promdeck") : Path.of(xdg, "promdeck"));
    }

    public Path file(String name) throws IOException {
        return Files.createDirectories(path).resolve(name);
    }
}
