package io.promdeck.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the real programs the lab runs; a missing one fails the test with the install hint, never a skip. */
public final class Binaries {

    public static final String INSTALL_HINT = "install Debian's packages: sudo apt-get install -y prometheus prometheus-alertmanager";

    private Binaries() {
    }

    public static Path require(String name) {
        return find(name).orElseThrow(() -> new AssertionError("'" + name + "' is not installed or not on PATH: " + INSTALL_HINT));
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/local/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
