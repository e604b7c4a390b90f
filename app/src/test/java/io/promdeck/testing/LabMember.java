package io.promdeck.testing;

import io.promdeck.app.sandbox.SandboxProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Prometheus replicas and Alertmanager peers of the lab share: a process, a port, a config file. */
public abstract class LabMember {

    final SandboxProcess process;
    private final int port;
    private final Path configFile;
    private final String originalConfig;

    LabMember(SandboxProcess process, int port, Path configFile) {
        this.process = process;
        this.port = port;
        this.configFile = configFile;
        try {
            this.originalConfig = Files.readString(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return process.name();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path configFile() {
        return configFile;
    }

    public String originalConfig() {
        return originalConfig;
    }

    /** Replaces the config file (the process reads it at the next reload or restart). */
    public void writeConfig(String text) {
        try {
            Files.writeString(configFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config file as it is on disk now. */
    public String readFileConfig() {
        try {
            return Files.readString(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restoreConfig() {
        writeConfig(originalConfig);
    }

    /** SIGKILL. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM. */
    public void stop() {
        process.stop();
    }

    /** Starts the process again with the same flags, ports and data folder, and waits until it is ready. */
    public void restart() {
        process.stop();
        start(process, process.command());
        awaitReady();
    }

    /**
     * Starts a lab process with the product's own process code (detached, pid file, command-line check) and makes
     * sure it dies with the test JVM at the latest.
     */
    static void start(SandboxProcess process, java.util.List<String> commandLine) {
        try {
            StrayProcesses.track(process.startWith(commandLine));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + process.name() + ": " + e.getMessage(), e);
        }
    }

    public boolean alive() {
        return process.alive();
    }

    public SandboxProcess process() {
        return process;
    }

    /** Blocks until the member is really ready, or fails with its log. */
    public abstract void awaitReady();

    /** Whether it is ready now (one probe). */
    public abstract boolean readyNow();

    @Override
    public String toString() {
        return process + " on " + url();
    }
}
