package io.promdeck.app.sandbox;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.prometheus.PrometheusClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Runs and undoes {@link Drill}s on a local stack, and keeps their log ({@code drills.log} in the stack's folder: one
 * line per run or undo, so a console restart still knows which drills are in effect). Blocking: run it off the UI thread.
 */
public final class Drills implements AutoCloseable {

    /** One line of the log. */
    public record Entry(Instant at, String action, Drill drill, String outcome) {
        public boolean undo() {
            return "undo".equals(action);
        }
    }

    static final String LOG = "drills.log";
    private static final Duration READY = Duration.ofSeconds(60);

    private final Sandbox sandbox;
    private final Optional<NotificationReceiver> receiver;
    private final OkHttpClient http;
    private final Clock clock;

    /** With its own loopback HTTP client (closed by {@link #close()}). */
    public Drills(Sandbox sandbox, Optional<NotificationReceiver> receiver, Clock clock) {
        this.sandbox = sandbox;
        this.receiver = receiver;
        this.http = io.promdeck.app.http.HttpClients.defaults().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
        this.clock = clock;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public List<Drill> available() {
        return Drill.available(sandbox.plan()).stream()
                .filter(d -> d.kind() != Drill.Kind.WEBHOOK_FAILS || receiver.isPresent()).toList();
    }

    /** Runs a drill and logs it; the entry's outcome says what was done. */
    public synchronized Entry run(Drill drill) throws SandboxException, InterruptedException {
        // A member may have been restarted since the last drill: a connection pooled to the old process is dead.
        http.connectionPool().evictAll();
        String outcome = switch (drill.kind()) {
            case KILL -> {
                SandboxProcess p = running(drill.target());
                p.kill();
                yield "killed " + drill.target() + " (pid " + p.pid() + ")";
            }
            case FREEZE -> {
                SandboxProcess p = running(drill.target());
                try {
                    p.freeze();
                } catch (IOException e) {
                    throw new SandboxException("Cannot freeze " + drill.target() + ": " + e.getMessage(), e);
                }
                yield "froze " + drill.target() + " (pid " + p.pid() + ")";
            }
            case RESTART -> {
                SandboxProcess p = sandbox.process(drill.target());
                p.stop();
                sandbox.startMember(drill.target(), null, peers(), READY);
                yield "restarted " + drill.target() + " (now pid " + p.pid() + ")";
            }
            case BREAK_CONFIG -> breakConfig(drill.target());
            case ISOLATE -> isolate(drill.target());
            case TEST_ALERT -> testAlert(clock.instant().plus(Duration.ofHours(1)), "posted");
            case WEBHOOK_FAILS -> {
                receiver.orElseThrow(() -> new SandboxException("This console does not receive the stack's notifications")).failing(true);
                yield "the receiver now answers HTTP 500";
            }
        };
        return log("run", drill, outcome);
    }

    /** Undoes a drill: starts, resumes, repairs or resolves what it changed, and waits until that took effect. */
    public synchronized Entry undo(Drill drill) throws SandboxException, InterruptedException {
        if (!drill.undoable()) {
            throw new SandboxException(drill.title() + " has nothing to undo");
        }
        http.connectionPool().evictAll();
        String outcome = switch (drill.kind()) {
            case KILL -> {
                SandboxProcess p = sandbox.process(drill.target());
                if (p.alive()) {
                    yield drill.target() + " already runs (pid " + p.pid() + ")";
                }
                sandbox.startMember(drill.target(), null, peers(), READY);
                yield "started " + drill.target() + " again (pid " + p.pid() + "), ready";
            }
            case FREEZE -> {
                try {
                    running(drill.target()).thaw();
                } catch (IOException e) {
                    throw new SandboxException("Cannot resume " + drill.target() + ": " + e.getMessage(), e);
                }
                yield "resumed " + drill.target();
            }
            case BREAK_CONFIG -> repairConfig(drill.target());
            case ISOLATE -> {
                SandboxProcess p = sandbox.process(drill.target());
                p.stop();
                sandbox.startMember(drill.target(), null, peers(), READY);
                yield drill.target() + " rejoined the mesh (pid " + p.pid() + ")";
            }
            case TEST_ALERT -> testAlert(clock.instant(), "resolved");
            case WEBHOOK_FAILS -> {
                receiver.orElseThrow(() -> new SandboxException("This console does not receive the stack's notifications")).failing(false);
                yield "the receiver answers HTTP 200 again";
            }
            case RESTART -> throw new IllegalStateException();
        };
        return log("undo", drill, outcome);
    }

    private SandboxProcess running(String name) throws SandboxException {
        SandboxProcess p = sandbox.process(name);
        if (!p.alive()) {
            throw new SandboxException(name + " is not running");
        }
        return p;
    }

    private int peers() {
        return sandbox.plan().alertmanagers().size();
    }

    private Path configFile(String member) {
        return sandbox.dir().resolve(member).resolve("prometheus.yml");
    }

    private String breakConfig(String member) throws SandboxException {
        Path file = configFile(member);
        String original = sandbox.member(member).files().get("prometheus.yml");
        try {
            Files.writeString(file, original + "promdeck_drill_unknown_field: true\n");
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        ReloadResult result = prometheus(member).reload();
        return "wrote an unknown field into " + file.getFileName() + " and reloaded: " + describe(result);
    }

    private String repairConfig(String member) throws SandboxException {
        Path file = configFile(member);
        try {
            Files.writeString(file, sandbox.member(member).files().get("prometheus.yml"));
        } catch (IOException e) {
            throw new SandboxException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        ReloadResult result = prometheus(member).reload();
        if (!result.succeeded()) {
            throw new SandboxException("Wrote the original configuration back, but the reload did not succeed: " + describe(result));
        }
        return "wrote the original configuration back and reloaded";
    }

    private static String describe(ReloadResult result) {
        return switch (result.outcome()) {
            case RELOADED -> "reloaded";
            case REJECTED -> "refused — " + result.message();
            case NOT_DELIVERED -> "not delivered — " + result.message();
            case UNCONFIRMED -> "not confirmed — " + result.message();
        };
    }

    private String isolate(String member) throws SandboxException, InterruptedException {
        SandboxProcess p = sandbox.process(member);
        int elsewhere = FreePorts.tcpAndUdp();
        List<String> alone = p.command().stream().filter(arg -> !arg.startsWith("--cluster.peer="))
                .map(arg -> arg.startsWith("--cluster.listen-address=") ? "--cluster.listen-address=127.0.0.1:" + elsewhere
                        : arg.startsWith("--cluster.advertise-address=") ? "--cluster.advertise-address=127.0.0.1:" + elsewhere : arg)
                .toList();
        p.stop();
        sandbox.startMember(member, alone, 1, READY);
        return member + " runs alone on gossip port " + elsewhere + " (pid " + p.pid() + ")";
    }

    private String testAlert(Instant endsAt, String verb) throws SandboxException {
        Instant now = clock.instant();
        String json = "[{\"labels\":{\"alertname\":\"PromdeckDrill\",\"cluster\":\"" + sandbox.plan().parameters().cluster()
                + "\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"A drill: a test alert posted by Promdeck to every Alertmanager\"},"
                + "\"startsAt\":\"" + firstStart(now) + "\",\"endsAt\":\"" + endsAt + "\"}]";
        List<String> refused = new ArrayList<>();
        int accepted = 0;
        for (Member m : sandbox.plan().alertmanagers()) {
            CallResult<String> result = new AlertmanagerClient(new ComponentApi(new DirectTransport(http, m.url()))).postAlerts(json);
            if (result instanceof CallResult.Failed<String> failed) {
                refused.add(m.name() + ": " + failed.error().summary());
            } else {
                accepted++;
            }
        }
        if (accepted == 0) {
            throw new SandboxException("No Alertmanager took the test alert: " + String.join("; ", refused));
        }
        return verb + " PromdeckDrill on " + accepted + " of " + sandbox.plan().alertmanagers().size() + " Alertmanagers"
                + (refused.isEmpty() ? "" : " (refused: " + String.join("; ", refused) + ")");
    }

    /** The start time of the drill's alert: the same in the firing and the resolving post, so Alertmanager sees one alert. */
    private Instant firstStart(Instant now) {
        if (testAlertStart == null) {
            testAlertStart = now;
        }
        return testAlertStart;
    }

    private Instant testAlertStart;

    private PrometheusClient prometheus(String member) {
        return new PrometheusClient(new ComponentApi(new DirectTransport(http, sandbox.member(member).url())));
    }

    private Entry log(String action, Drill drill, String outcome) {
        Entry entry = new Entry(clock.instant(), action, drill, outcome);
        String line = entry.at() + "\t" + action + "\t" + drill.kind().name() + "\t" + drill.target() + "\t" + outcome.replace('\n', ' ') + "\n";
        try {
            Files.writeString(sandbox.dir().resolve(LOG), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The drill happened; only its log line is missing. The entry still reaches the console's list.
            org.slf4j.LoggerFactory.getLogger(Drills.class).warn("cannot append to the drill log: {}", e.getMessage());
        }
        if (drill.kind() == Drill.Kind.TEST_ALERT && "undo".equals(action)) {
            testAlertStart = null;
        }
        return entry;
    }

    /** The log so far, oldest first; lines that cannot be read are skipped. */
    public List<Entry> history() {
        Path file = sandbox.dir().resolve(LOG);
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 5);
                if (f.length == 5) {
                    try {
                        out.add(new Entry(Instant.parse(f[0]), f[1], new Drill(Drill.Kind.valueOf(f[2]), f[3]), f[4]));
                    } catch (RuntimeException e) {
                        // not a line this version wrote
                    }
                }
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Drills.class).warn("cannot read the drill log: {}", e.getMessage());
        }
        return out;
    }

    /** The drills run and not undone yet, oldest first (restarts are never "in effect"). */
    public List<Drill> inEffect() {
        Map<Drill, Boolean> state = new LinkedHashMap<>();
        for (Entry e : history()) {
            if (!e.drill().undoable()) {
                continue;
            }
            if (e.undo()) {
                state.remove(e.drill());
            } else {
                state.put(e.drill(), true);
            }
        }
        return new ArrayList<>(state.keySet());
    }
}
