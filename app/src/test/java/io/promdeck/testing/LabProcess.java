package io.promdeck.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real process the lab started: its command, log file and handle. Only this object's own process is ever
 * signalled; a pid file beside the log lets a later run reap it if this JVM died without stopping it.
 */
public final class LabProcess {

    private final String name;
    private final List<String> command;
    private final Path dir;
    private final Map<String, String> environment;
    private Process process;

    LabProcess(String name, List<String> command, Path dir, Map<String, String> environment) {
        this.name = name;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Path log() {
        return dir.resolve(name + ".log");
    }

    public synchronized void start() {
        startWith(command);
    }

    /** Starts the process with another command line (the same log and pid files): a drill, such as leaving the mesh. */
    public synchronized void startWith(List<String> commandLine) {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            Files.writeString(dir.resolve(name + ".pid"), Long.toString(process.pid()));
            StrayProcesses.track(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL, as a crashed or OOM-killed pod: no goodbye to the gossip cluster. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(10);
        }
    }

    /** SIGTERM and wait; SIGKILL if it does not exit in 10 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!awaitExit(10)) {
                process.destroyForcibly();
                awaitExit(10);
            }
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The last lines of the process' output, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + (alive() ? " (pid " + pid() + ")" : " (not running)");
    }
}
