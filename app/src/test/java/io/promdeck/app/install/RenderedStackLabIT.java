package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdeck.app.http.Json;
import io.promdeck.app.prometheus.LoadedConfig;
import io.promdeck.testing.Await;
import io.promdeck.testing.Lab;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.LabTopology;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rendered Prometheus and Alertmanager configuration, run as real processes: 2 Prometheus replicas whose replica
 * label comes from POD_NAME (expand-external-labels, as in the StatefulSet) and 3 gossiping Alertmanagers posting
 * to a webhook. Observation windows are longer than Alertmanager's peer timeout (15 s), after which a peer further
 * down the cluster would send its own copy if the notification log had not reached it.
 */
class RenderedStackLabIT {

    private static final Duration WINDOW = Duration.ofSeconds(35);

    private static StackParameters labParameters(LabTopology topology, String webhook) {
        List<String> prometheus = topology.prometheusPorts().stream().map(p -> "127.0.0.1:" + p).toList();
        List<String> alertmanagers = topology.alertmanagerPorts().stream().map(p -> "127.0.0.1:" + p).toList();
        return StackParameters.defaults("lab").with(Map.of(
                "cluster", "lab",
                "scrapeInterval", "2s",
                "evaluationInterval", "1s",
                "groupWait", "1s",
                "groupInterval", "5s",
                "repeatInterval", "1h",
                "webhookUrl", webhook,
                "targets", new StackParameters.Targets(StackParameters.Targets.Mode.STATIC, prometheus, alertmanagers,
                        List.of(LabConfigs.RULES_FILE))));
    }

    private static RenderedStack render(LabTopology topology, String webhook) {
        return StackRenderer.render(labParameters(topology, webhook), StackRendererTest.SECRETS);
    }

    @Test
    void oneNotificationPerGroupAlsoAfterLosingAPrometheusAndAnAlertmanager() throws Exception {
        try (TestHttpServer webhook = new TestHttpServer()) {
            webhook.answer("/hook", Reply.of(200, "text/plain", "ok"));
            String hook = webhook.url() + "/hook";
            LabOptions options = LabOptions.defaults()
                    .withPrometheusConfig((topology, index) -> render(topology, hook).configFiles().get("prometheus.yml"), LabConfigs.rules())
                    .withAlertmanagerConfig(topology -> render(topology, hook).configFiles().get("alertmanager.yml"))
                    .withPrometheusFlags(List.of("--enable-feature=expand-external-labels"), i -> Map.of("POD_NAME", "prometheus-" + i));
            try (Lab lab = Lab.start(options)) {
                LoadedConfig replica0 = lab.prometheus(0).client().config().orElseThrow();
                LoadedConfig replica1 = lab.prometheus(1).client().config().orElseThrow();
                assertThat(replica0.yaml()).contains("replica: prometheus-0");
                assertThat(replica1.yaml()).contains("replica: prometheus-1");
                assertThat(replica0.hash()).isEqualTo(replica1.hash());

                Await.until(Duration.ofSeconds(60), "the first notification", () -> !firing(webhook).isEmpty());
                waitFor(WINDOW);
                Map<String, Integer> first = firing(webhook);
                assertThat(first).as("notifications per group in the first %s s", WINDOW.toSeconds())
                        .containsKey("{}:{alertname=\"" + LabConfigs.ALWAYS_FIRING + "\", cluster=\"lab\"}")
                        .allSatisfy((group, count) -> assertThat(count).as(group).isEqualTo(1));

                lab.prometheus(0).kill();
                lab.alertmanager(0).kill();
                waitFor(WINDOW);

                assertThat(firing(webhook)).as("after killing prometheus-0 and alertmanager-0").isEqualTo(first);
                assertThat(lab.alertmanager(1).client().alerts().orElseThrow().items())
                        .anySatisfy(a -> assertThat(a.name()).isEqualTo(LabConfigs.ALWAYS_FIRING));
            }
        }
    }

    /** Firing notifications received per group key (a notification carries its group's key). */
    private static Map<String, Integer> firing(TestHttpServer webhook) {
        Map<String, Integer> counts = new HashMap<>();
        for (TestHttpServer.Received received : webhook.received("/hook")) {
            try {
                JsonNode body = Json.mapper().readTree(received.body());
                if ("firing".equals(body.path("status").asText())) {
                    counts.merge(body.path("groupKey").asText(), 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    /** An observation window: nothing to await, the point is that nothing more arrives. */
    private static void waitFor(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        Await.until(window.plusSeconds(5), "the end of the observation window", () -> System.nanoTime() >= end);
    }
}
