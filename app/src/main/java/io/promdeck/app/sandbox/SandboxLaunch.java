package io.promdeck.app.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** One attempt at starting a plan: its files written, its processes launched in order, each awaited until really ready. */
final class SandboxLaunch {

    /** A port chosen free was bound by someone else before the process could: start again on other ports. */
    static final class PortTaken extends Exception {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    private final SandboxPlan plan;
    private final Map<Program, Path> binaries;
    private final Sandbox.Options options;
    private final Sandbox.Listener listener;
    private final Map<String, SandboxProcess> processes = new LinkedHashMap<>();
    private final Map<String, Long> launched = new LinkedHashMap<>();
    private final Map<String, Duration> ready = new LinkedHashMap<>();
    private final OkHttpClient http = io.promdeck.app.http.HttpClients.defaults().connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3)).build();
    private final Readiness readiness = new Readiness(http);

    SandboxLaunch(SandboxPlan plan, Map<Program, Path> binaries, Sandbox.Options options, Sandbox.Listener listener) {
        this.plan = plan;
        this.binaries = binaries;
        this.options = options;
        this.listener = listener;
    }

    Sandbox run() throws SandboxException, PortTaken, InterruptedException {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        try {
            writeFiles();
            long deadline = t0 + options.readyTimeout().toNanos();
            // InfluxDB first: its database must exist before a Prometheus writes (a 404 drops the samples).
            List<Member> influx = plan.of(Program.INFLUXDB);
            if (!influx.isEmpty()) {
                influx.forEach(this::launch);
                awaitReady(influx, deadline);
                influx.forEach(this::createDatabase);
            }
            // Alertmanagers next: their gossip settling is the longest wait.
            List<Member> rest = plan.members().stream().filter(m -> m.program() != Program.INFLUXDB)
                    .sorted(Comparator.comparing(m -> m.program() == Program.ALERTMANAGER ? 0 : 1)).toList();
            rest.forEach(this::launch);
            awaitReady(rest, deadline);
            Map<String, Long> pids = new LinkedHashMap<>();
            Map<String, List<String>> commands = new LinkedHashMap<>();
            processes.forEach((name, p) -> {
                pids.put(name, p.pid());
                commands.put(name, p.command());
            });
            new SandboxState(SandboxState.FORMAT, plan.topology(), plan.dir().toString(), plan.receiverPort(), startedAt, plan.members(), pids,
                    commands).write();
            listener.progress("Every process is ready", plan.members().size(), plan.members().size());
            return new Sandbox(plan, processes, startedAt, ready, Duration.ofNanos(System.nanoTime() - t0), options.outliveConsole());
        } catch (IOException e) {
            throw new SandboxException("Cannot write the local stack's files in " + plan.dir() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SandboxException(e.getMessage(), e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private void writeFiles() throws IOException {
        Files.createDirectories(plan.dir());
        try {
            Files.setPosixFilePermissions(plan.dir(), PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder keeps the platform's default access.
        }
        Path rules = Files.createDirectories(plan.dir().resolve("rules"));
        for (Map.Entry<String, String> file : plan.rules().entrySet()) {
            Files.writeString(rules.resolve(file.getKey()), file.getValue());
        }
        for (Member m : plan.members()) {
            Path home = Files.createDirectories(plan.dir().resolve(m.name()));
            for (Map.Entry<String, String> file : m.files().entrySet()) {
                Files.writeString(home.resolve(file.getKey()), file.getValue());
            }
            if (m.program() == Program.NODE_EXPORTER) {
                Files.createDirectories(home.resolve("textfile"));
            }
        }
    }

    private void launch(Member m) {
        List<String> command = new ArrayList<>();
        command.add(binaries.get(m.program()).toString());
        command.addAll(m.args());
        SandboxProcess process = new SandboxProcess(m.name(), command, plan.dir().resolve(m.name()), m.environment());
        try {
            Process child = process.start();
            if (!options.outliveConsole()) {
                Sandbox.stopWithJvm(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + m.name() + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        processes.put(m.name(), process);
        launched.put(m.name(), System.nanoTime());
    }

    private void awaitReady(List<Member> members, long deadline) throws SandboxException, PortTaken, InterruptedException {
        int peers = plan.alertmanagers().size();
        while (true) {
            String waiting = null;
            for (Member m : members) {
                if (ready.containsKey(m.name())) {
                    continue;
                }
                SandboxProcess p = processes.get(m.name());
                if (!p.alive()) {
                    String log = p.logTail(15);
                    if (log.contains("address already in use")) {
                        throw new PortTaken(m.name() + " could not bind its port: " + lastLine(log));
                    }
                    throw new SandboxException(m.name() + " exited while starting. Its log ends with:\n" + log);
                }
                Readiness.Probe probe = readiness.probe(m, peers);
                if (probe.ready()) {
                    ready.put(m.name(), Duration.ofNanos(System.nanoTime() - launched.get(m.name())));
                } else if (waiting == null) {
                    waiting = m.name() + ": " + probe.seen();
                }
            }
            if (waiting == null) {
                return;
            }
            listener.progress("Waiting for " + waiting, ready.size(), plan.members().size());
            if (System.nanoTime() > deadline) {
                throw new SandboxException("Not ready after " + options.readyTimeout().toSeconds() + " s: " + waiting + ". Its log ends with:\n"
                        + processes.get(waiting.substring(0, waiting.indexOf(':'))).logTail(15));
            }
            Thread.sleep(100);
        }
    }

    private void createDatabase(Member influx) {
        Request request = new Request.Builder().url(influx.url() + "/query")
                .post(RequestBody.create("q=CREATE+DATABASE+prometheus", okhttp3.MediaType.get("application/x-www-form-urlencoded"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new UncheckedIOException(new IOException("InfluxDB refused CREATE DATABASE prometheus: HTTP " + response.code()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("InfluxDB did not create the database: " + e.getMessage(), e);
        }
    }

    void stopAll() {
        processes.values().forEach(p -> p.handle().ifPresent(ProcessHandle::destroy));
        processes.values().forEach(p -> p.stop(Duration.ofSeconds(5)));
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines[lines.length - 1];
    }
}
