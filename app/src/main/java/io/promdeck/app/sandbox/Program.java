package io.promdeck.app.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programs a local stack runs, found on the machine: Debian's names first, then the upstream ones, on PATH and in
 * the usual install folders (a desktop launch often lacks the shell's PATH). A missing one is a sentence naming the
 * package to install.
 */
public enum Program {
    PROMETHEUS("Prometheus", "prometheus", List.of("prometheus")),
    ALERTMANAGER("Alertmanager", "prometheus-alertmanager", List.of("prometheus-alertmanager", "alertmanager")),
    NODE_EXPORTER("node-exporter", "prometheus-node-exporter", List.of("prometheus-node-exporter", "node_exporter")),
    INFLUXDB("InfluxDB 1.x", "influxdb", List.of("influxd"));

    private static final List<String> USUAL = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin", "/snap/bin");
    /** Folders searched after PATH instead of the usual ones ({@code :}-separated): programs kept elsewhere. */
    public static final String SEARCH_PATH = "PROMDECK_PROGRAM_PATH";

    private final String title;
    private final String debianPackage;
    private final List<String> names;

    Program(String title, String debianPackage, List<String> names) {
        this.title = title;
        this.debianPackage = debianPackage;
        this.names = names;
    }

    public String title() {
        return title;
    }

    public String debianPackage() {
        return debianPackage;
    }

    /** The executable, or empty when none of its names is installed. */
    public Optional<Path> find(Map<String, String> environment) {
        for (String name : names) {
            Optional<Path> found = findExecutable(name, environment);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** An executable named {@code name} on PATH, then in {@value #SEARCH_PATH}'s folders or the usual ones. */
    public static Optional<Path> findExecutable(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        String after = environment.getOrDefault(SEARCH_PATH, String.join(File.pathSeparator, USUAL));
        for (String dir : (path + File.pathSeparator + after).split(File.pathSeparator)) {
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

    /** "Alertmanager is not installed: sudo apt-get install prometheus-alertmanager (or put alertmanager on PATH)." */
    public String missing() {
        return title + " is not installed: install Debian's package with 'sudo apt-get install " + debianPackage + "' (or put "
                + names.get(names.size() - 1) + " on PATH).";
    }

    /** The executable, or a {@link MissingProgram} with the sentence. */
    public Path require(Map<String, String> environment) throws MissingProgram {
        return find(environment).orElseThrow(() -> new MissingProgram(this));
    }

    /** A program the chosen topology needs is not installed. */
    public static final class MissingProgram extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Program program;

        public MissingProgram(Program program) {
            super(program.missing());
            this.program = program;
        }

        public Program program() {
            return program;
        }
    }
}
