package io.promdeck.app.sandbox;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.live.PrometheusRole;
import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.StackShape;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * A local stack on this workstation: the processes of one {@link Topology} on free 127.0.0.1 ports, each in its own
 * folder under the stack's folder, configured by the cluster install's renderer ({@link SandboxPlan}). Started
 * detached, so a console restart finds it running and {@link #attach re-attaches}; stopped by pid, and only a pid whose
 * command line still names this stack's folder is ever signalled.
 */
public final class Sandbox {

    /** Starts retried when a chosen port was taken meanwhile. */
    static final int START_ATTEMPTS = 3;
    public static final String NOTIFICATIONS = "notifications.jsonl";
    private static final Set<Process> TO_REAP = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TO_REAP.forEach(Process::destroyForcibly), "sandbox-reaper"));
    }

    /** A process that stops with this JVM (a stack that does not outlive the console: tests). */
    static void stopWithJvm(Process child) {
        TO_REAP.add(child);
        child.onExit().thenAccept(TO_REAP::remove);
    }

    /**
     * @param outliveConsole the processes keep running when this JVM exits (the product); false stops them with the JVM
     *                       (tests)
     * @param readyTimeout   how long every process may take to become ready
     * @param environment    where the programs are looked up ({@code PATH})
     * @param receiverPort   where the console's notification receiver listens (started before the stack, so the first
     *                       notification already reaches it); 0 to pick a free port that nothing answers yet
     */
    public record Options(boolean outliveConsole, Duration readyTimeout, Map<String, String> environment, int receiverPort) {

        public static Options product() {
            return new Options(true, Duration.ofSeconds(90), System.getenv(), 0);
        }

        public static Options forTests() {
            return new Options(false, Duration.ofSeconds(90), System.getenv(), 0);
        }

        public Options withReceiverPort(int port) {
            return new Options(outliveConsole, readyTimeout, environment, port);
        }

        public Options withEnvironment(Map<String, String> env) {
            return new Options(outliveConsole, readyTimeout, env, receiverPort);
        }
    }

    /** Progress of a start: a sentence ("alertmanager-1: cluster settling with 2 of 3 peers"), members ready of all. */
    @FunctionalInterface
    public interface Listener {
        void progress(String sentence, int ready, int total);

        static Listener none() {
            return (sentence, ready, total) -> {
            };
        }
    }

    /** Whether the recorded processes run. */
    public enum Liveness {
        RUNNING, PARTLY_RUNNING, STOPPED
    }

    /** One member's process now. */
    public record MemberStatus(Member member, long pid, State state) {
        public enum State {
            RUNNING, FROZEN, STOPPED
        }
    }

    private final SandboxPlan plan;
    private final Map<String, SandboxProcess> processes;
    private final Instant started;
    private final Map<String, Duration> readiness;
    private final Duration startup;
    private final boolean outliveConsole;

    Sandbox(SandboxPlan plan, Map<String, SandboxProcess> processes, Instant started, Map<String, Duration> readiness, Duration startup,
            boolean outliveConsole) {
        this.outliveConsole = outliveConsole;
        this.plan = plan;
        this.processes = Map.copyOf(processes);
        this.started = started;
        this.readiness = Map.copyOf(readiness);
        this.startup = startup;
    }

    public SandboxPlan plan() {
        return plan;
    }

    public Topology topology() {
        return plan.topology();
    }

    public Path dir() {
        return plan.dir();
    }

    public Instant started() {
        return started;
    }

    /** From the first launch to every process ready; zero for a stack this console attached to. */
    public Duration startup() {
        return startup;
    }

    /** Each member's own readiness time, from its launch to its first ready probe; empty when attached. */
    public Map<String, Duration> readiness() {
        return readiness;
    }

    public SandboxProcess process(String member) {
        SandboxProcess process = processes.get(member);
        if (process == null) {
            throw new IllegalArgumentException("no member " + member + " in this local stack");
        }
        return process;
    }

    public Member member(String name) {
        return plan.members().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + name + " in this local stack"));
    }

    public List<MemberStatus> status() {
        List<MemberStatus> out = new ArrayList<>();
        for (Member m : plan.members()) {
            SandboxProcess p = processes.get(m.name());
            MemberStatus.State state = !p.alive() ? MemberStatus.State.STOPPED : p.frozen() ? MemberStatus.State.FROZEN : MemberStatus.State.RUNNING;
            out.add(new MemberStatus(m, p.pid(), state));
        }
        return out;
    }

    public Liveness liveness() {
        long alive = processes.values().stream().filter(SandboxProcess::alive).count();
        return alive == processes.size() ? Liveness.RUNNING : alive == 0 ? Liveness.STOPPED : Liveness.PARTLY_RUNNING;
    }

    /** The folder of the stack's programs' binaries found on this machine, or the sentence naming what to install. */
    static Map<Program, Path> programs(Topology topology, Map<String, String> environment) throws MissingPrograms {
        Map<Program, Path> found = new EnumMap<>(Program.class);
        List<Program> missing = new ArrayList<>();
        for (Program program : topology.programs()) {
            program.find(environment).ifPresentOrElse(path -> found.put(program, path), () -> missing.add(program));
        }
        if (!missing.isEmpty()) {
            throw new MissingPrograms(missing);
        }
        return found;
    }

    /**
     * Starts a new stack in {@code dir} (which must hold no running one) and waits for every process to be really
     * ready. A port taken between choosing and binding it is retried on new ports; any other failure stops what was
     * started and says which process failed, with its log's last lines.
     */
    public static Sandbox start(Topology topology, Path dir, Options options, Listener listener)
            throws MissingPrograms, SandboxException, InterruptedException {
        Map<Program, Path> binaries = programs(topology, options.environment());
        SandboxException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            deleteTree(dir);
            SandboxPlan plan = SandboxPlan.create(topology, dir, options.receiverPort());
            SandboxLaunch launch = new SandboxLaunch(plan, binaries, options, listener);
            try {
                return launch.run();
            } catch (SandboxLaunch.PortTaken e) {
                last = new SandboxException(e.getMessage());
                launch.stopAll();
                listener.progress("A port was taken meanwhile; starting again on other ports (attempt " + (attempt + 1) + ")", 0,
                        plan.members().size());
            } catch (SandboxException | InterruptedException | RuntimeException e) {
                launch.stopAll();
                throw e;
            }
        }
        throw last;
    }

    /** The stack recorded in {@code dir}, with its processes as they are now (some may have stopped); empty when none. */
    public static Optional<Sandbox> attach(Path dir) throws IOException {
        Optional<SandboxState> state = SandboxState.read(dir);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        SandboxState s = state.get();
        SandboxPlan plan = SandboxPlan.restore(s);
        Map<String, SandboxProcess> processes = new LinkedHashMap<>();
        for (Member m : plan.members()) {
            List<String> command = s.commands().getOrDefault(m.name(), List.of());
            processes.put(m.name(), new SandboxProcess(m.name(), command, dir.resolve(m.name()), m.environment(), s.pids().getOrDefault(m.name(), -1L)));
        }
        return Optional.of(new Sandbox(plan, processes, s.started(), Map.of(), Duration.ZERO, true));
    }

    /**
     * Starts one member again (it must not be running) with its own command line, or {@code commandLine} for a drill,
     * waits until it is ready, and records its new pid.
     */
    public synchronized void startMember(String name, List<String> commandLine, int expectedPeers, Duration timeout)
            throws SandboxException, InterruptedException {
        SandboxProcess process = process(name);
        Member member = member(name);
        try {
            Process child = commandLine == null ? process.start() : process.startWith(commandLine);
            if (!outliveConsole) {
                stopWithJvm(child);
            }
        } catch (IOException e) {
            throw new SandboxException("Cannot start " + name + ": " + e.getMessage(), e);
        }
        record();
        OkHttpClient http = io.promdeck.app.http.HttpClients.defaults().connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(3)).build();
        try {
            Readiness readiness = new Readiness(http);
            long deadline = System.nanoTime() + timeout.toNanos();
            Readiness.Probe probe = readiness.probe(member, expectedPeers);
            while (!probe.ready()) {
                if (!process.alive()) {
                    throw new SandboxException(name + " exited while starting. Its log ends with:\n" + process.logTail(15));
                }
                if (System.nanoTime() > deadline) {
                    throw new SandboxException(name + " is not ready after " + timeout.toSeconds() + " s: " + probe.seen());
                }
                Thread.sleep(100);
                probe = readiness.probe(member, expectedPeers);
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Rewrites the state file with the processes' current pids (after a member was started again). */
    private void record() throws SandboxException {
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        processes.forEach((name, p) -> {
            pids.put(name, p.pid());
            commands.put(name, p.command());
        });
        try {
            new SandboxState(SandboxState.FORMAT, plan.topology(), plan.dir().toString(), plan.receiverPort(), started, plan.members(), pids,
                    commands).write();
        } catch (IOException e) {
            throw new SandboxException("Cannot record the local stack's pids in " + plan.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Stops every process of the stack (SIGTERM to all at once, SIGKILL after 10 s), then removes its folder. */
    public void stop() {
        processes.values().forEach(p -> p.handle().ifPresent(ProcessHandle::destroy));
        processes.values().forEach(p -> p.stop(Duration.ofSeconds(10)));
        deleteTree(plan.dir());
    }

    /**
     * The stack's configuration files, for the Config panel: each HA group's Prometheus files as one configuration
     * (one file per replica), a global, agent, receiver or reader alone, the shared rule files, the Alertmanagers' files.
     */
    public io.promdeck.app.config.FileConfigs configs() {
        long groups = plan.prometheus().stream().filter(m -> m.role() == Member.Role.REPLICA).map(Member::group).distinct().count();
        List<io.promdeck.app.config.FileConfigs.Config> prometheus = new ArrayList<>();
        for (Member m : plan.prometheus()) {
            String group = m.role() == Member.Role.REPLICA ? (groups > 1 ? m.group() : "") : m.name();
            prometheus.add(new io.promdeck.app.config.FileConfigs.Config(m.name(), plan.dir().resolve(m.name()).resolve("prometheus.yml"), group));
        }
        List<io.promdeck.app.config.FileConfigs.Config> alertmanagers = plan.alertmanagers().stream()
                .map(m -> new io.promdeck.app.config.FileConfigs.Config(m.name(), plan.dir().resolve(m.name()).resolve("alertmanager.yml"), ""))
                .toList();
        return new io.promdeck.app.config.FileConfigs(prometheus, alertmanagers);
    }

    /** Where the console's receiver keeps this stack's notifications. */
    public Path notificationsFile() {
        return plan.dir().resolve(NOTIFICATIONS);
    }

    /** The Alertmanager member listening on a port (a webhook's external URL names it); null for another port. */
    public String alertmanagerOnPort(int port) {
        return plan.alertmanagers().stream().filter(m -> m.port() == port).map(Member::name).findFirst().orElse(null);
    }

    /** The endpoints the console's clients use: every Prometheus (with its group and role) and every Alertmanager. */
    public StackEndpoints endpoints(OkHttpClient http) {
        Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
        List<Endpoint> prometheus = new ArrayList<>();
        List<Endpoint> alertmanagers = new ArrayList<>();
        for (Member m : plan.members()) {
            if (m.program() == Program.PROMETHEUS) {
                prometheus.add(new Endpoint(Component.PROMETHEUS, m.name(), new DirectTransport(http, m.url()), true, m.address(), m.group(),
                        m.role().prometheusRole()));
            } else if (m.program() == Program.ALERTMANAGER) {
                alertmanagers.add(new Endpoint(Component.ALERTMANAGER, m.name(), new DirectTransport(http, m.url()), true, m.address()));
            }
        }
        byComponent.put(Component.PROMETHEUS, prometheus);
        byComponent.put(Component.ALERTMANAGER, alertmanagers);
        Map<Component, Integer> expected = new EnumMap<>(Component.class);
        byComponent.forEach((c, list) -> expected.put(c, list.size()));
        return new StackEndpoints("local stack (" + topology().title() + ")", byComponent, expected);
    }

    /** What the doctor expects: the members, the replica label the renderer set, each Prometheus' group and role. */
    public StackShape shape() {
        Map<Component, Integer> expected = new EnumMap<>(Component.class);
        expected.put(Component.PROMETHEUS, plan.prometheus().size());
        expected.put(Component.ALERTMANAGER, plan.alertmanagers().size());
        Map<String, String> peers = new LinkedHashMap<>();
        plan.alertmanagers().forEach(m -> peers.put(m.name(), m.address()));
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, PrometheusRole> roles = new LinkedHashMap<>();
        for (Member m : plan.prometheus()) {
            if (!m.group().isEmpty()) {
                groups.put(m.name(), m.group());
            }
            roles.put(m.name(), m.role().prometheusRole());
        }
        return new StackShape(expected, Optional.of(ReplicaLabel.given(plan.parameters().replicaLabel(), ReplicaLabel.Source.SANDBOX)), peers,
                groups, roles);
    }

    /** Removes a folder and everything in it; quietly does nothing when it is not there. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
