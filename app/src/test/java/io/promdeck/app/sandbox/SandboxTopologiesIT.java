package io.promdeck.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.doctor.Finding;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.live.StackState;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.prometheus.Sample;
import io.promdeck.testing.Await;
import io.promdeck.testing.Sandboxes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each of the seeds' topologies beyond the HA pair ({@link SandboxHaIT}) brought up from the product's own code, as
 * real processes, and checked through the console's own clients and doctor: what the topology is for actually happens.
 */
class SandboxTopologiesIT {

    private static final OkHttpClient HTTP = HttpClients.defaults().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
    private static final Duration DATA = Duration.ofSeconds(60);

    @AfterAll
    static void closeHttp() {
        HTTP.dispatcher().executorService().shutdown();
    }

    private static PrometheusClient client(Sandbox sandbox, String member) {
        return new PrometheusClient(new ComponentApi(new DirectTransport(HTTP, sandbox.member(member).url())));
    }

    private static List<Sample> query(Sandbox sandbox, String member, String promql) {
        CallResult<List<Sample>> result = client(sandbox, member).queryVector(promql);
        return result.isOk() ? result.orElseThrow() : List.of();
    }

    private static Set<String> values(List<Sample> samples, String label) {
        return samples.stream().map(s -> s.labels().getOrDefault(label, "")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The doctor's findings on one pass of the console's monitor over the stack. */
    private static Diagnosis diagnose(Sandbox sandbox) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (StackMonitor monitor = new StackMonitor(sandbox.endpoints(HTTP), new RefreshScheduler(timer, workers, () -> 1000), workers,
                Clock.systemUTC(), s -> { }, StackMonitor.CALL_TIMEOUT, sandbox.shape())) {
            StackState state = monitor.collectOnce(Duration.ZERO, Duration.ofSeconds(10));
            return Doctor.diagnose(state, Instant.now());
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    /**
     * Every process loaded exactly the files the renderer wrote, by the console's own comparison (the one config apply
     * verifies with): each Prometheus its configuration, each alerting one the rule files, each Alertmanager its file.
     */
    private static void loadedAsWritten(Sandbox sandbox) throws Exception {
        for (Member m : sandbox.plan().members()) {
            if (m.program() == Program.PROMETHEUS) {
                String written = java.nio.file.Files.readString(sandbox.dir().resolve(m.name()).resolve("prometheus.yml"));
                var match = io.promdeck.app.config.LoadedMatch.prometheus(written, client(sandbox, m.name()).config().orElseThrow().yaml(), "replica");
                assertThat(match.differences()).as(m.name()).isEmpty();
                assertThat(match.equal()).as(m.name()).isTrue();
                if (m.role() != Member.Role.AGENT && written.contains("rule_files")) {
                    for (String file : List.of("stack-rules.yml", "sandbox-rules.yml")) {
                        var rules = io.promdeck.app.config.LoadedMatch.rules(java.nio.file.Files.readString(sandbox.dir().resolve("rules").resolve(file)),
                                file, client(sandbox, m.name()).rules().orElseThrow());
                        assertThat(rules.differences()).as(m.name() + " " + file).isEmpty();
                    }
                }
            } else if (m.program() == Program.ALERTMANAGER) {
                String written = java.nio.file.Files.readString(sandbox.dir().resolve(m.name()).resolve("alertmanager.yml"));
                var status = new io.promdeck.app.alertmanager.AlertmanagerClient(new ComponentApi(new DirectTransport(HTTP, m.url()))).status().orElseThrow();
                var match = io.promdeck.app.config.LoadedMatch.alertmanager(written, status.configOriginal());
                assertThat(match.differences()).as(m.name()).isEmpty();
                assertThat(match.equal()).as(m.name()).isTrue();
            }
        }
    }

    private static String describe(Diagnosis d) {
        return d.findings().stream().map(f -> f.id() + " " + f.verdict() + ": " + f.summary() + " " + f.evidence()).collect(Collectors.joining("\n"));
    }

    @Test
    void federationGlobalHoldsBothDataCentresSeriesWithTheirExternalLabels() throws Exception {
        Sandbox sandbox = Sandboxes.start(Topology.FEDERATION);
        try {
            loadedAsWritten(sandbox);
            Await.until(DATA, "the global Prometheus holding both data centres' node series",
                    () -> values(query(sandbox, "global-prometheus", "up{job=\"node\"}"), "replica").size() == 4,
                    () -> query(sandbox, "global-prometheus", "up{job=\"node\"}").toString());
            List<Sample> federated = query(sandbox, "global-prometheus", "up{job=\"node\"}");
            // Each data centre's pair sends its own copy, told apart by the replica label — honor_labels kept them.
            assertThat(values(federated, "replica")).containsExactly("dc1-prometheus-0", "dc1-prometheus-1", "dc2-prometheus-0", "dc2-prometheus-1");
            assertThat(federated).allSatisfy(s -> assertThat(s.labels()).containsEntry("cluster", "sandbox").doesNotContainEntry("job", "federate"));
            assertThat(federated).filteredOn(s -> s.labels().get("dc").equals("dc1")).extracting(s -> s.labels().get("instance"))
                    .as("dc1 scrapes its own exporter only").containsOnly(sandbox.member("node-exporter-0").address());
            assertThat(federated).filteredOn(s -> s.labels().get("dc").equals("dc2")).extracting(s -> s.labels().get("instance"))
                    .as("dc2 scrapes its own exporter only").containsOnly(sandbox.member("node-exporter-1").address());
            // The match[] selector is what the global asked for: its own series have its own labels.
            assertThat(values(query(sandbox, "global-prometheus", "up{job=\"federate\"}"), "instance")).hasSize(4);

            Diagnosis diagnosis = diagnose(sandbox);
            assertThat(diagnosis.findings()).as(describe(diagnosis)).extracting(Finding::id)
                    .contains("prometheus.config[dc1]", "prometheus.config[dc2]", "prometheus.roles");
            assertThat(diagnosis.findings()).as(describe(diagnosis)).filteredOn(f -> f.id().startsWith("prometheus.config"))
                    .allSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.OK));
            assertThat(diagnosis.findings()).filteredOn(f -> f.id().equals("prometheus.roles")).singleElement()
                    .satisfies(f -> assertThat(f.verdict()).as(describe(diagnosis)).isEqualTo(Verdict.OK));
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void shardingScrapesEveryTargetInExactlyOneShardPair() throws Exception {
        Sandbox sandbox = Sandboxes.start(Topology.SHARDING);
        try {
            loadedAsWritten(sandbox);
            Set<String> all = new TreeSet<>();
            sandbox.plan().of(Program.NODE_EXPORTER).forEach(m -> all.add(m.address()));
            sandbox.plan().alertmanagers().forEach(m -> all.add(m.address()));
            Map<String, Set<String>> byReplica = new java.util.TreeMap<>();
            Await.until(DATA, "every shard replica scraping", () -> {
                byReplica.clear();
                for (Member m : sandbox.plan().prometheus()) {
                    if (m.group().startsWith("shard")) {
                        byReplica.put(m.name(), values(query(sandbox, m.name(), "up{job=~\"node|alertmanager\"}"), "instance"));
                    }
                }
                int scraped = byReplica.values().stream().mapToInt(Set::size).sum();
                return scraped == 2 * all.size();
            }, byReplica::toString);
            Set<String> shard0 = byReplica.get("shard-0-prometheus-0");
            Set<String> shard1 = byReplica.get("shard-1-prometheus-0");
            assertThat(byReplica.get("shard-0-prometheus-1")).as("both replicas of shard 0 keep the same targets").isEqualTo(shard0);
            assertThat(byReplica.get("shard-1-prometheus-1")).as("both replicas of shard 1 keep the same targets").isEqualTo(shard1);
            Set<String> twice = new HashSet<>(shard0);
            twice.retainAll(shard1);
            assertThat(twice).as("targets scraped by both shards").isEmpty();
            Set<String> union = new TreeSet<>(shard0);
            union.addAll(shard1);
            assertThat(union).as("targets scraped by some shard").isEqualTo(all);

            Await.until(DATA, "the global Prometheus over both shards",
                    () -> values(query(sandbox, "global-prometheus", "up{job=~\"node|alertmanager\"}"), "shard").equals(Set.of("0", "1"))
                            && values(query(sandbox, "global-prometheus", "up{job=~\"node|alertmanager\"}"), "instance").equals(all));
            Diagnosis diagnosis = diagnose(sandbox);
            assertThat(diagnosis.findings()).as(describe(diagnosis)).extracting(Finding::id)
                    .contains("prometheus.targets[shard-0]", "prometheus.targets[shard-1]", "prometheus.roles");
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void remoteStorageSeriesWrittenByPrometheusAreReadBackFromInfluxDb() throws Exception {
        Sandbox sandbox = Sandboxes.start(Topology.REMOTE_STORAGE);
        try {
            loadedAsWritten(sandbox);
            // The reader scrapes nothing but itself: node series can only come from InfluxDB through remote read.
            Await.until(DATA, "the reader seeing the replicas' node series through remote read",
                    () -> values(query(sandbox, "reader-prometheus", "up{job=\"node\"}"), "replica").equals(Set.of("prometheus-0", "prometheus-1")),
                    () -> query(sandbox, "reader-prometheus", "up{job=\"node\"}").toString());
            assertThat(query(sandbox, "reader-prometheus", "up{job=\"node\"}")).allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
            Diagnosis diagnosis = diagnose(sandbox);
            assertThat(diagnosis.findings()).filteredOn(f -> f.id().equals("prometheus.roles")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.verdict()).as(describe(diagnosis)).isEqualTo(Verdict.OK);
                        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("remote write: no samples failed"));
                    });
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void agentsRemoteWriteTheirSeriesToTheReceiver() throws Exception {
        Sandbox sandbox = Sandboxes.start(Topology.AGENT);
        try {
            loadedAsWritten(sandbox);
            CallResult<List<Sample>> refused = client(sandbox, "agent-0").queryVector("up");
            assertThat(refused.isOk()).as("an agent answers no queries").isFalse();
            Await.until(DATA, "the receiver holding both agents' node series",
                    () -> values(query(sandbox, "receiver-prometheus", "up{job=\"node\"}"), "replica").equals(Set.of("agent-0", "agent-1")),
                    () -> query(sandbox, "receiver-prometheus", "up").toString());
            Diagnosis diagnosis = diagnose(sandbox);
            List<String> ids = new ArrayList<>(diagnosis.findings().stream().map(Finding::id).toList());
            assertThat(ids).as(describe(diagnosis)).contains("prometheus.roles").doesNotContain("prometheus.config");
            assertThat(diagnosis.findings()).filteredOn(f -> f.id().equals("prometheus.roles")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).anySatisfy(e -> assertThat(e.text()).contains("agent mode")));
        } finally {
            sandbox.stop();
        }
    }
}
