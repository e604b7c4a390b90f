package io.promdeck.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Makes sure the lab's processes never outlive the test JVM: a shutdown hook kills those still running, and
 * folders left by a JVM that died without running its hooks are reaped at the next lab start — only processes
 * whose command line names that folder, so nothing the lab did not start is touched.
 */
final class StrayProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "lab-reaper"));
    }

    private StrayProcesses() {
    }

    static void track(Process process) {
        RUNNING.add(process);
        process.onExit().thenAccept(RUNNING::remove);
    }

    /** The folder all labs live under; one subfolder per lab named {@code lab-<jvm pid>-...}. */
    static Path root() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "promdeck-lab"));
    }

    /** Kills processes of labs whose JVM is gone, then removes their folders. */
    static void reapOrphans() throws IOException {
        try (Stream<Path> labs = Files.list(root())) {
            for (Path lab : labs.toList()) {
                String[] parts = lab.getFileName().toString().split("-");
                if (parts.length < 2 || !parts[0].equals("lab")) {
                    continue;
                }
                long owner;
                try {
                    owner = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (owner == ProcessHandle.current().pid() || ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    killStartedIn(lab);
                } catch (NoSuchFileException | java.io.UncheckedIOException e) {
                    // Another test JVM (failsafe runs two forks) reaped the same orphan at the same moment.
                    continue;
                }
                deleteTree(lab);
            }
        }
    }

    /** Stops what the lab started, by its pid files, each only while its command line still names its folder. */
    private static void killStartedIn(Path lab) throws IOException {
        io.promdeck.app.sandbox.LocalStacks.stopByPidFiles(lab, 8);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
