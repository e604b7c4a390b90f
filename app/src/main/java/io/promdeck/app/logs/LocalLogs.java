package io.promdeck.app.logs;

import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.SandboxProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The local stack's logs: each process writes its output to {@code <member>.log} in the stack's folder. A process
 * has one "container" (its program) and one log across restarts, so there is no previous log to ask for.
 */
public final class LocalLogs implements LogSource {

    /** How often a followed log file is checked for new lines. */
    static final Duration POLL = Duration.ofMillis(250);

    private final Sandbox sandbox;
    private final Executor executor;

    /** @param executor runs a followed log's reading loop (one task per followed log, until it is closed) */
    public LocalLogs(Sandbox sandbox, Executor executor) {
        this.sandbox = sandbox;
        this.executor = executor;
    }

    @Override
    public String where() {
        return "the local stack (" + sandbox.dir() + ")";
    }

    @Override
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Sandbox.MemberStatus status : sandbox.status()) {
            String name = status.member().name();
            targets.add(new Target(name, List.of(program(name)), 0));
        }
        return targets;
    }

    private String program(String member) {
        List<String> command = sandbox.process(member).command();
        return command.isEmpty() ? member : Path.of(command.get(0)).getFileName().toString();
    }

    @Override
    public List<String> read(Request request) throws IOException {
        if (request.previous()) {
            throw new IOException(request.pod() + " is a local process: it keeps one log across restarts, there is no previous one");
        }
        Path log = file(request);
        return Lines.tail(Lines.of(Files.readString(log, StandardCharsets.UTF_8)), request.tailLines());
    }

    private Path file(Request request) throws IOException {
        SandboxProcess process = sandbox.process(request.pod());
        if (process == null) {
            throw new IOException("the local stack has no process called " + request.pod());
        }
        if (!Files.exists(process.log())) {
            throw new IOException(request.pod() + " has not written a log yet (" + process.log() + ")");
        }
        return process.log();
    }

    @Override
    public Stream follow(Request request, Consumer<String> line, Consumer<String> ended) throws IOException {
        List<String> first = read(request);
        Path log = file(request);
        long start = Files.size(log);
        AtomicBoolean closed = new AtomicBoolean();
        executor.execute(() -> {
            first.forEach(line);
            long position = start;
            StringBuilder partial = new StringBuilder();
            String why = "";
            try {
                while (!closed.get()) {
                    position = readFrom(log, position, partial, line);
                    Thread.sleep(POLL.toMillis());
                }
            } catch (IOException e) {
                why = "the log file cannot be read any more: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "following the log was interrupted";
            }
            ended.accept(closed.get() ? "" : why);
        });
        return () -> closed.set(true);
    }

    /** Passes on the complete lines written since {@code position}; returns the new position. */
    private static long readFrom(Path log, long position, StringBuilder partial, Consumer<String> line) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = position;
            if (file.length() < from) {
                from = 0;
                partial.setLength(0);
                line.accept("--- the log was truncated: reading it from the start ---");
            }
            file.seek(from);
            byte[] fresh = new byte[(int) Math.min(file.length() - from, 4 << 20)];
            file.readFully(fresh);
            partial.append(new String(fresh, StandardCharsets.UTF_8));
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                line.accept(partial.substring(0, end));
                partial.delete(0, end + 1);
            }
            return from + fresh.length;
        }
    }

    @Override
    public String command(Request request, boolean follow) {
        SandboxProcess process = sandbox.process(request.pod());
        String file = process == null ? request.pod() + ".log" : process.log().toString();
        return (follow ? "tail -n " + request.tailLines() + " -F " : "tail -n " + request.tailLines() + " ") + file;
    }
}
