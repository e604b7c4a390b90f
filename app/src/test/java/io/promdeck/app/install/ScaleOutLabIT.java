package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdeck.app.http.Json;
import io.promdeck.testing.Await;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.LabTopology;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The cluster install's scale-out configurations as real processes: each Prometheus runs the very file the renderer
 * puts in its shard's ConfigMap (static targets instead of Kubernetes discovery, the only difference, and
 * {@code POD_NAME} set as the StatefulSet sets it).
 */
class ScaleOutLabIT {

    private static final Duration DATA = Duration.ofSeconds(60);

    private static StackParameters.Targets targets(LabTopology t) {
        return new StackParameters.Targets(StackParameters.Targets.Mode.STATIC,
                t.prometheusPorts().stream().map(p -> "127.0.0.1:" + p).toList(),
                t.alertmanagerPorts().stream().map(p -> "127.0.0.1:" + p).toList(), List.of());
    }

    private static JsonNode get(Lab lab, int prometheus, String path) {
        Request request = new Request.Builder().url(lab.prometheus(prometheus).url() + path).build();
        try (Response response = lab.http().newCall(request).execute()) {
            return Json.mapper().readTree(response.body().string());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Prometheus' hashmod relabelling: the last 8 bytes of the value's MD5, big-endian, modulo the shards. */
    private static int hashmod(String value, int modulus) {
        try {
            byte[] sum = java.security.MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            long low = java.nio.ByteBuffer.wrap(sum, 8, 8).getLong();
            return (int) Long.remainderUnsigned(low, modulus);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "host:port" of every target a Prometheus keeps (active), by its /api/v1/targets. */
    private static Set<String> activeTargets(Lab lab, int prometheus) {
        Set<String> found = new TreeSet<>();
        for (JsonNode target : get(lab, prometheus, "/api/v1/targets?state=active").at("/data/activeTargets")) {
            found.add(target.at("/discoveredLabels/__address__").asText());
        }
        return found;
    }

    @Test
    void everyLabTargetIsScrapedByExactlyOneShardPair() throws Exception {
        int shards = 2;
        String[] podNames = {"prometheus-shard-0-0", "prometheus-shard-0-1", "prometheus-shard-1-0", "prometheus-shard-1-1"};
        LabOptions options = LabOptions.defaults()
                .withPrometheusConfig((t, i) -> StackRenderer.render(StackRendererTest.params().with(Map.of("prometheusShards", shards,
                        "scrapeInterval", "2s", "targets", targets(t))), StackRendererTest.SECRETS).prometheusConfigs()
                        .get("prometheus-shard-" + i / 2), LabConfigs.rules())
                .withPrometheusFlags(List.of("--enable-feature=expand-external-labels"), i -> Map.of("POD_NAME", podNames[i]))
                .withPrometheus(4, i -> List.of());
        try (Lab lab = Lab.start(options)) {
            Set<String> all = new TreeSet<>(targets(lab.topology()).prometheus());
            all.addAll(targets(lab.topology()).alertmanagers());
            // Where Prometheus' hashmod puts each target: the ports are free ones picked at random, so now and then
            // (1 run in 64) every target lands in one shard and the other rightly keeps none.
            Map<Integer, Set<String>> expected = new HashMap<>(Map.of(0, new TreeSet<>(), 1, new TreeSet<>()));
            all.forEach(address -> expected.get(hashmod(address + ";/metrics", shards)).add(address));
            Map<Integer, Set<String>> kept = new HashMap<>();
            Await.until(DATA, "every shard replica listing its targets", () -> {
                for (int i = 0; i < 4; i++) {
                    kept.put(i, activeTargets(lab, i));
                }
                return kept.get(0).size() + kept.get(2).size() == all.size() && kept.get(1).size() + kept.get(3).size() == all.size();
            }, () -> "kept " + kept + ", expected by shard " + expected);
            assertThat(kept.get(0)).as("shard 0 keeps what hashmod gives it").isEqualTo(expected.get(0));
            assertThat(kept.get(2)).as("shard 1 keeps what hashmod gives it").isEqualTo(expected.get(1));
            assertThat(kept.get(1)).as("both replicas of shard 0 keep the same targets").isEqualTo(kept.get(0));
            assertThat(kept.get(3)).as("both replicas of shard 1 keep the same targets").isEqualTo(kept.get(2));
            Set<String> twice = new HashSet<>(kept.get(0));
            twice.retainAll(kept.get(2));
            assertThat(twice).as("targets scraped by both shard pairs").isEmpty();
            Set<String> union = new TreeSet<>(kept.get(0));
            union.addAll(kept.get(2));
            assertThat(union).as("every lab target scraped by some shard pair").isEqualTo(all);

            // Their series leave with the shard and the pod's replica label (what the sidecar and federation see), so
            // Thanos Query tells the shards apart and deduplicates each pair.
            String[] federated = {""};
            Await.until(DATA, "shard 1's samples federated", () -> {
                Request federate = new Request.Builder().url(lab.prometheus(2).url() + "/federate?match[]=up").build();
                try (Response response = lab.http().newCall(federate).execute()) {
                    federated[0] = response.body().string();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return federated[0].contains("up{");
            });
            assertThat(federated[0]).contains("shard=\"1\"").contains("replica=\"prometheus-shard-1-0\"").doesNotContain("shard=\"0\"");
        }
    }

    @Test
    void agentsRunAndTheReceivingPrometheusHoldsBothAgentsSeries() throws Exception {
        // Prometheus 0 receives; 1 and 2 are the install's agents, remote-writing to it with the rendered queue settings.
        LabOptions options = LabOptions.defaults()
                .withPrometheusConfig((t, i) -> i == 0 ? LabConfigs.prometheus(t, 0)
                        : StackRenderer.render(StackRendererTest.params().with(Map.of("backend", "AGENT", "grafana", false, "scrapeInterval", "2s",
                                "targets", targets(t), "remoteWrite", List.of(RemoteWriteTarget.parse("http://127.0.0.1:" + t.prometheusPorts().get(0)
                                        + "/api/v1/write name=receiver capacity=2000 maxSamplesPerSend=200", 0)))), StackRendererTest.SECRETS)
                        .configFiles().get("prometheus.yml"), LabConfigs.rules())
                .withPrometheusFlags(List.of("--enable-feature=expand-external-labels"), i -> Map.of("POD_NAME", "prometheus-" + (i - 1)))
                .withPrometheus(3, i -> i == 0 ? List.of("--web.enable-remote-write-receiver") : List.of("--enable-feature=agent"));
        try (Lab lab = Lab.start(options)) {
            String query = URLEncoder.encode("count by (replica) (up{cluster=\"monitoring\"})", StandardCharsets.UTF_8);
            Await.until(DATA, "the receiver holding both agents' series", () -> {
                Set<String> replicas = new TreeSet<>();
                get(lab, 0, "/api/v1/query?query=" + query).at("/data/result").forEach(r -> replicas.add(r.at("/metric/replica").asText()));
                return replicas.equals(Set.of("prometheus-0", "prometheus-1"));
            });
            // An agent answers no queries: the console must not expect it to.
            Request request = new Request.Builder().url(lab.prometheus(1).url() + "/api/v1/query?query=up").build();
            try (Response response = lab.http().newCall(request).execute()) {
                assertThat(response.code()).isNotEqualTo(200);
            }
        }
    }
}
