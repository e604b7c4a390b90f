package io.promdeck.testing;

import java.nio.file.Path;
import java.util.Optional;

/** Finds other programs tests run (promtool, amtool, xvfb-run) as the product finds its own; a missing one fails the test, never a skip. */
public final class Binaries {

    public static final String INSTALL_HINT = "install Debian's packages: sudo apt-get install -y prometheus prometheus-alertmanager";

    private Binaries() {
    }

    public static Path require(String name) {
        return find(name).orElseThrow(() -> new AssertionError("'" + name + "' is not installed or not on PATH: " + INSTALL_HINT));
    }

    public static Optional<Path> find(String name) {
        return io.promdeck.app.sandbox.Program.findExecutable(name, System.getenv());
    }
}
