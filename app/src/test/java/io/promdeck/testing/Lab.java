package io.promdeck.testing;

import io.promdeck.app.http.HttpClients;
import io.promdeck.app.sandbox.FreePorts;
import io.promdeck.app.sandbox.Program;
import io.promdeck.app.sandbox.SandboxProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HA lab on 127.0.0.1: Prometheus replicas (2 by default) and an Alertmanager gossip cluster (3 by default)
 * from the Debian packages, each in its own folder on free ports. {@link #close()} stops exactly the processes it
 * started; so does a JVM shutdown hook, and a later lab reaps what a killed JVM left.
 */
public final class Lab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final LabTopology topology;
    private final List<PrometheusReplica> prometheus;
    private final List<AlertmanagerPeer> alertmanagers;
    private final OkHttpClient http;
    private final Duration startup;

    private Lab(Path dir, LabTopology topology, List<PrometheusReplica> prometheus, List<AlertmanagerPeer> alertmanagers,
            OkHttpClient http, Duration startup) {
        this.dir = dir;
        this.topology = topology;
        this.prometheus = List.copyOf(prometheus);
        this.alertmanagers = List.copyOf(alertmanagers);
        this.http = http;
        this.startup = startup;
    }

    public static Lab start() {
        return start(LabOptions.defaults());
    }

    /** Starts every member and waits for real readiness; retries with new ports when one was taken meanwhile. */
    public static Lab start(LabOptions options) {
        Path prometheusBinary = require(Program.PROMETHEUS);
        Path alertmanagerBinary = require(Program.ALERTMANAGER);
        try {
            StrayProcesses.reapOrphans();
        } catch (IOException e) {
            LOG.warn("could not check for processes left by earlier test runs: {}", e.getMessage());
        }
        AssertionError last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Lab lab = null;
            long started = System.nanoTime();
            try {
                lab = launch(options, prometheusBinary, alertmanagerBinary, started);
                lab.awaitAllReady();
                Lab ready = lab.withStartup(Duration.ofNanos(System.nanoTime() - started));
                LOG.info("lab ready in {} ms: {}", ready.startup.toMillis(), ready.describe());
                return ready;
            } catch (AssertionError e) {
                last = e;
                boolean portTaken = lab != null && lab.anyLogSays("address already in use");
                if (lab != null) {
                    lab.close();
                }
                if (!portTaken) {
                    throw e;
                }
                LOG.warn("a lab port was taken between choosing and binding; retrying with new ports (attempt {})", attempt);
            }
        }
        throw last;
    }

    /** The program as the product finds it; a missing one fails the test with the product's install sentence, never a skip. */
    private static Path require(Program program) {
        return program.find(System.getenv()).orElseThrow(() -> new AssertionError(program.missing()));
    }

    private static Lab launch(LabOptions options, Path prometheusBinary, Path alertmanagerBinary, long started) {
        List<Integer> promPorts = new ArrayList<>();
        List<Integer> amPorts = new ArrayList<>();
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < options.prometheusReplicas(); i++) {
            promPorts.add(FreePorts.tcp());
        }
        for (int i = 0; i < options.alertmanagerPeers(); i++) {
            amPorts.add(FreePorts.tcp());
            clusterPorts.add(FreePorts.tcpAndUdp());
        }
        LabTopology topology = new LabTopology(promPorts, amPorts, clusterPorts);
        OkHttpClient http = HttpClients.defaults().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
        try {
            Path dir = Files.createDirectories(StrayProcesses.root()
                    .resolve("lab-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()));
            List<AlertmanagerPeer> peers = new ArrayList<>();
            String amConfig = options.alertmanagerConfig().apply(topology);
            for (int i = 0; i < options.alertmanagerPeers(); i++) {
                Path home = Files.createDirectories(dir.resolve(topology.alertmanagerName(i)));
                Path config = Files.writeString(home.resolve("alertmanager.yml"), amConfig);
                List<String> command = new ArrayList<>(List.of(alertmanagerBinary.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + home.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + amPorts.get(i),
                        "--cluster.listen-address=127.0.0.1:" + clusterPorts.get(i),
                        "--cluster.advertise-address=127.0.0.1:" + clusterPorts.get(i),
                        "--log.level=info"));
                for (int j = 0; j < options.alertmanagerPeers(); j++) {
                    if (j != i) {
                        command.add("--cluster.peer=127.0.0.1:" + clusterPorts.get(j));
                    }
                }
                SandboxProcess process = new SandboxProcess(topology.alertmanagerName(i), command, home, java.util.Map.of());
                peers.add(new AlertmanagerPeer(process, amPorts.get(i), clusterPorts.get(i), config, http, options.alertmanagerPeers()));
            }
            // One rules file for all replicas: Prometheus shows rule_files resolved to absolute paths, and replicas
            // whose configs differ only in the replica label must hash equal.
            Path rules = Files.writeString(dir.resolve("rules.yml"), options.rules());
            List<PrometheusReplica> replicas = new ArrayList<>();
            for (int i = 0; i < options.prometheusReplicas(); i++) {
                Path home = Files.createDirectories(dir.resolve(topology.prometheusName(i)));
                Path config = Files.writeString(home.resolve("prometheus.yml"),
                        options.prometheusConfig().apply(topology, i).replace(LabConfigs.RULES_FILE, rules.toString()));
                List<String> extra = options.prometheusExtraFlags().apply(i);
                boolean agent = extra.contains("--enable-feature=agent");
                List<String> command = new ArrayList<>(List.of(prometheusBinary.toString(),
                        "--config.file=" + config,
                        (agent ? "--storage.agent.path=" : "--storage.tsdb.path=") + home.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + promPorts.get(i),
                        "--web.enable-lifecycle",
                        "--log.level=info"));
                if (!agent) {
                    // Agents evaluate no rules: Prometheus refuses the flag in agent mode.
                    command.add("--rules.alert.resend-delay=2s");
                }
                command.addAll(options.prometheusFlags());
                command.addAll(extra);
                SandboxProcess process = new SandboxProcess(topology.prometheusName(i), command, home, options.prometheusEnvironment().apply(i));
                replicas.add(new PrometheusReplica(process, promPorts.get(i), config, http));
            }
            Lab lab = new Lab(dir, topology, replicas, peers, http, Duration.ZERO);
            peers.forEach(p -> LabMember.start(p.process, p.process.command()));
            replicas.forEach(r -> LabMember.start(r.process, r.process.command()));
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the lab folder", e);
        }
    }

    private Lab withStartup(Duration took) {
        return new Lab(dir, topology, prometheus, alertmanagers, http, took);
    }

    private void awaitAllReady() {
        prometheus.forEach(LabMember::awaitReady);
        alertmanagers.forEach(LabMember::awaitReady);
    }

    private boolean anyLogSays(String text) {
        return members().stream().anyMatch(m -> m.process.logTail(50).contains(text));
    }

    public List<LabMember> members() {
        List<LabMember> all = new ArrayList<>(prometheus);
        all.addAll(alertmanagers);
        return all;
    }

    public List<PrometheusReplica> prometheus() {
        return prometheus;
    }

    public PrometheusReplica prometheus(int index) {
        return prometheus.get(index);
    }

    public List<AlertmanagerPeer> alertmanagers() {
        return alertmanagers;
    }

    public AlertmanagerPeer alertmanager(int index) {
        return alertmanagers.get(index);
    }

    public LabTopology topology() {
        return topology;
    }

    public Path dir() {
        return dir;
    }

    /** How long {@link #start} took from the first process launch to every member ready. */
    public Duration startup() {
        return startup;
    }

    /** The HTTP client the lab's own clients use (loopback only). */
    public OkHttpClient http() {
        return http;
    }

    /** Brings every member back: restarts what is not running and waits until all are ready again. */
    public void heal() {
        for (LabMember member : members()) {
            member.restoreConfig();
            if (!member.alive()) {
                LabMember.start(member.process, member.process.command());
            }
        }
        awaitAllReady();
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        members().forEach(m -> out.append(m).append("; "));
        return out.toString();
    }

    /** Stops exactly the processes this lab started (SIGTERM, then SIGKILL) and removes its folder. */
    @Override
    public void close() {
        members().forEach(m -> m.process.stop());
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        StrayProcesses.deleteTree(dir);
    }
}
