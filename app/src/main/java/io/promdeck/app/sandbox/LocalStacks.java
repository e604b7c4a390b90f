package io.promdeck.app.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workstation's local stack: at most one, in {@code <data folder>/sandbox}. Finds it after a console restart,
 * cleans up one whose processes are all gone (signalling nothing: a recorded pid now used by another program is left
 * alone), and serialises starts and stops between consoles with a file lock.
 */
public final class LocalStacks {

    private final Path root;

    public LocalStacks(Path root) {
        this.root = root;
    }

    /** The user's: {@code $XDG_DATA_HOME/promdeck/sandbox} (or the platform's data folder). */
    public static LocalStacks forUser(Map<String, String> environment, Path home) {
        return new LocalStacks(DataFolder.forPlatform(environment, home, System.getProperty("os.name", "")).resolve("sandbox"));
    }

    /** The folder of the stack. */
    public Path folder() {
        return root.resolve("stack");
    }

    /**
     * What is there now.
     *
     * @param sandbox the stack, when one is recorded and at least one of its processes runs
     * @param note    what was cleaned up on the way ("" when nothing)
     */
    public record Found(Optional<Sandbox> sandbox, String note) {
    }

    public Found find() throws IOException {
        try (Lock lock = lock()) {
            return findLocked();
        }
    }

    private Found findLocked() throws IOException {
        Path folder = folder();
        if (!Files.exists(folder)) {
            return new Found(Optional.empty(), "");
        }
        Optional<Sandbox> recorded;
        try {
            recorded = Sandbox.attach(folder);
        } catch (IOException e) {
            throw new IOException("The local stack's record cannot be read (" + e.getMessage() + "). Stop its processes by hand if any run, "
                    + "then remove " + folder + ".", e);
        }
        if (recorded.isEmpty()) {
            // A start that never finished (the console was killed meanwhile): stop what it started, by its pid files.
            int stopped = stopByPidFiles(folder);
            Sandbox.deleteTree(folder);
            return new Found(Optional.empty(), "Removed a local stack whose start never finished" + (stopped > 0 ? " (stopped " + stopped
                    + " of its processes)" : "") + ".");
        }
        Sandbox sandbox = recorded.get();
        if (sandbox.liveness() == Sandbox.Liveness.STOPPED) {
            Sandbox.deleteTree(folder);
            return new Found(Optional.empty(), "Removed the record of a local stack (" + sandbox.topology().title() + ", started "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(sandbox.started())
                    + ") none of whose processes runs any more.");
        }
        return new Found(Optional.of(sandbox), "");
    }

    /** A stack of this topology is already running: the caller opens it, or stops it before starting another. */
    public static final class AlreadyRunning extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Sandbox sandbox;

        AlreadyRunning(Sandbox sandbox) {
            super("A local stack (" + sandbox.topology().title() + ") already runs in " + sandbox.dir() + ": open it, or stop it first "
                    + "('promdeck sandbox down').");
            this.sandbox = sandbox;
        }

        public Sandbox sandbox() {
            return sandbox;
        }
    }

    /** Starts a stack of {@code topology}, unless one already runs. */
    public Sandbox up(Topology topology, Sandbox.Options options, Sandbox.Listener listener)
            throws IOException, AlreadyRunning, MissingPrograms, SandboxException, InterruptedException {
        try (Lock lock = lock()) {
            Found found = findLocked();
            if (found.sandbox().isPresent()) {
                throw new AlreadyRunning(found.sandbox().get());
            }
            if (!found.note().isEmpty()) {
                listener.progress(found.note(), 0, 0);
            }
            return Sandbox.start(topology, folder(), options, listener);
        }
    }

    /** Stops the stack, if one runs; whether there was one. */
    public boolean down() throws IOException {
        try (Lock lock = lock()) {
            Found found = findLocked();
            if (found.sandbox().isEmpty()) {
                return false;
            }
            found.sandbox().get().stop();
            return true;
        }
    }

    /** Kills the processes named by the pid files in the members' folders under {@code folder}, each only if its command line names its folder. */
    public static int stopByPidFiles(Path folder) throws IOException {
        return stopByPidFiles(folder, 2);
    }

    /** As {@link #stopByPidFiles(Path)}, looking {@code depth} folders deep (a test run's folder holding whole data folders). */
    public static int stopByPidFiles(Path folder, int depth) throws IOException {
        List<Path> pidFiles;
        try (Stream<Path> files = Files.walk(folder, depth)) {
            pidFiles = files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList();
        }
        int stopped = 0;
        for (Path pidFile : pidFiles) {
            long pid;
            try {
                pid = Long.parseLong(Files.readString(pidFile).strip());
            } catch (NumberFormatException e) {
                continue;
            }
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            SandboxProcess process = new SandboxProcess(name, List.of(), pidFile.getParent(), Map.of(), pid);
            if (process.alive()) {
                process.stop();
                stopped++;
            }
        }
        return stopped;
    }

    /** An exclusive lock between consoles (and commands) on this machine; blocks until the other one is done. */
    private Lock lock() throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new Lock(channel, channel.lock());
    }

    private record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
