package io.promdeck.app.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One program a local stack runs: its command line, log and pid files in its own folder. Started detached (its own
 * session, output to a file), so it outlives the console and a terminal's Ctrl+C; found again after a restart by its
 * pid — and only while that pid's command line still names this process's folder, so a pid reused by another program
 * is never signalled.
 */
public final class SandboxProcess {

    private final String name;
    private final List<String> command;
    private final Path dir;
    private final Map<String, String> environment;
    private volatile long pid;
    /** The process as this JVM started it; null for one found by its pid file. */
    private volatile Process child;

    public SandboxProcess(String name, List<String> command, Path dir, Map<String, String> environment, long pid) {
        this.name = name;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.environment = Map.copyOf(environment);
        this.pid = pid;
    }

    public SandboxProcess(String name, List<String> command, Path dir, Map<String, String> environment) {
        this(name, command, dir, environment, -1);
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Path dir() {
        return dir;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return dir.resolve(name + ".log");
    }

    /** Starts it with its own command line; the returned child is this JVM's handle on it (tests reap it at exit). */
    public synchronized Process start() throws IOException {
        return startWith(command);
    }

    /** Starts it with another command line (a drill), the same folder, log and pid file. */
    public synchronized Process startWith(List<String> commandLine) throws IOException {
        if (alive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid + ")");
        }
        Files.createDirectories(dir);
        List<String> full = new ArrayList<>();
        Optional<Path> setsid = setsid();
        setsid.ifPresent(p -> full.add(p.toString()));
        full.addAll(commandLine);
        ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        pid = process.pid();
        child = process;
        Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
        return process;
    }

    private static Optional<Path> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** The live process, when the recorded pid still runs this process's program from this folder. */
    public Optional<ProcessHandle> handle() {
        if (pid <= 0) {
            return Optional.empty();
        }
        Process started = child;
        if (started != null && started.pid() == pid) {
            // Started by this JVM: its own child, alive or not. Its command line cannot be used for this in the first
            // milliseconds, while the spawn helper and setsid still run under that pid and /proc shows theirs (a
            // just-started InfluxDB was taken for exited, with an empty log).
            return started.isAlive() ? Optional.of(started.toHandle()) : Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> ours(h, dir));
    }

    /** Whether a process' command line names this folder (reading {@code /proc/PID/cmdline} where it exists). */
    static boolean ours(ProcessHandle handle, Path dir) {
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        String text;
        try {
            text = Files.exists(cmdline) ? Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ')
                    : handle.info().commandLine().orElse("");
        } catch (IOException e) {
            return false;
        }
        return text.contains(dir.toString() + java.io.File.separator);
    }

    public boolean alive() {
        return handle().isPresent();
    }

    /** SIGTERM, then SIGKILL if it has not exited after {@code grace}. */
    public synchronized void stop(Duration grace) {
        handle().ifPresent(h -> {
            h.destroy();
            if (!await(h, grace)) {
                h.destroyForcibly();
                await(h, Duration.ofSeconds(10));
            }
        });
    }

    public void stop() {
        stop(Duration.ofSeconds(10));
    }

    /** SIGKILL: as a crashed or OOM-killed pod, no goodbye to its peers. */
    public synchronized void kill() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            await(h, Duration.ofSeconds(10));
        });
    }

    /** SIGSTOP: the process is frozen, its sockets stay open and nothing answers. */
    public void freeze() throws IOException {
        signal("STOP");
        // The kernel stops the process after kill returns: the drill is in effect only once /proc says so.
        awaitState(true);
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() throws IOException {
        signal("CONT");
        awaitState(false);
    }

    /** Waits (at most 5 s) until the process is stopped or running again, as /proc reports it. */
    private void awaitState(boolean stopped) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (frozen() != stopped) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " is still " + (stopped ? "running 5 s after SIGSTOP" : "stopped 5 s after SIGCONT"));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void signal(String signal) throws IOException {
        ProcessHandle handle = handle().orElseThrow(() -> new IOException(name + " is not running"));
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(handle.pid())).redirectErrorStream(true).start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + signal + " " + handle.pid() + " failed: " + new String(kill.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Whether it is stopped by SIGSTOP (state T in /proc). */
    public boolean frozen() {
        return handle().map(h -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                int close = stat.lastIndexOf(')');
                return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'T';
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of its output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + (alive() ? " (pid " + pid + ")" : " (not running)");
    }
}
