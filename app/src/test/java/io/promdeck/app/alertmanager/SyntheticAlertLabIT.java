package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.TestHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wizard's "send test alert" on the real 3-peer Alertmanager cluster, whose route sends to a webhook on a
 * test server: delivery is read from Alertmanager's own notification counters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyntheticAlertLabIT {

    static final TestHttpServer WEBHOOK = new TestHttpServer();

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(LabOptions.defaults().withAlertmanagerConfig(t -> LabConfigs.alertmanager(WEBHOOK.url() + "/hook")));

    @AfterAll
    static void stopWebhook() {
        WEBHOOK.close();
    }

    private static SyntheticAlert testAlert() {
        List<AlertmanagerClient> peers = LAB.lab().alertmanagers().stream().map(AlertmanagerPeer::client).toList();
        return new SyntheticAlert(peers, Clock.systemUTC());
    }

    @Test
    @Order(1)
    void aWebhookAnswering200IsDelivered() throws Exception {
        WEBHOOK.answer("/hook", TestHttpServer.Reply.of(200, "text/plain", "ok"));
        int before = hooksWith("promdeck_test");

        SyntheticAlert.Outcome outcome = testAlert().send("webhook", Map.of("cluster", "lab"), Duration.ofSeconds(60), () -> false, s -> { });

        assertThat(outcome.verdict()).as(outcome.sentence()).isEqualTo(SyntheticAlert.Verdict.DELIVERED);
        assertThat(outcome.sent()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.sentence()).startsWith("Delivered: Alertmanager sent the test alert through webhook");
        // The webhook really received it, exactly once for the 3 peers (gossip dedup), carrying the test's labels.
        assertThat(hooksWith("promdeck_test") - before).isEqualTo(1);
        // The lab's own always-firing alert may arrive after it: look for the test alert's notification, not the last one.
        assertThat(WEBHOOK.received("/hook")).filteredOn(r -> r.body().contains("promdeck_test")).last()
                .satisfies(r -> assertThat(r.body()).contains("\"alertname\":\"" + SyntheticAlert.ALERT_NAME + "\"", "\"cluster\":\"lab\""));
    }

    @Test
    @Order(2)
    void aWebhookAnswering500IsReportedAsFailedDelivery() throws Exception {
        WEBHOOK.answer("/hook", TestHttpServer.Reply.of(500, "text/plain", "receiver broken"));

        SyntheticAlert.Outcome outcome = testAlert().send("webhook", Map.of("cluster", "lab"), Duration.ofSeconds(60), () -> false, s -> { });

        assertThat(outcome.verdict()).as(outcome.sentence()).isEqualTo(SyntheticAlert.Verdict.FAILED);
        assertThat(outcome.failed()).isGreaterThanOrEqualTo(1);
        assertThat(outcome.sentence()).contains("webhook delivery failed", "reachable from the cluster");
    }

    @Test
    @Order(3)
    void anIntegrationNobodyUsesSendsNothingWithinTheWait() throws Exception {
        SyntheticAlert.Outcome outcome = testAlert().send("slack", Map.of(), Duration.ofSeconds(4), () -> false, s -> { });

        assertThat(outcome.verdict()).isEqualTo(SyntheticAlert.Verdict.NO_NOTIFICATION);
        assertThat(outcome.sentence()).contains("No slack notification within 4 s");
    }

    @Test
    @Order(4)
    void aPeerWhoseCountersCouldNotBeReadAtFirstIsNotTakenForFreshDeliveries() throws Exception {
        // Every peer's /metrics fails when the test alert goes out, then answers: their whole history (the delivery of
        // test 1 among it) must not count as deliveries of this alert, which the broken webhook refuses.
        WEBHOOK.answer("/hook", TestHttpServer.Reply.of(500, "text/plain", "receiver broken"));
        List<io.promdeck.testing.FaultProxy> proxies = LAB.lab().alertmanagers().stream()
                .map(peer -> new io.promdeck.testing.FaultProxy(peer.url())
                        .fault("/metrics", new io.promdeck.testing.FaultProxy.Fault.Answer(503, "text/plain", "busy"))).toList();
        try {
            List<AlertmanagerClient> peers = proxies.stream().map(proxy -> new AlertmanagerClient(new io.promdeck.app.http.ComponentApi(
                    new io.promdeck.app.http.DirectTransport(LAB.lab().http(), proxy.url())))).toList();
            java.util.concurrent.CompletableFuture<SyntheticAlert.Outcome> outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new SyntheticAlert(peers, Clock.systemUTC()).send("webhook", Map.of("cluster", "lab"), Duration.ofSeconds(60),
                            () -> false, s -> { });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            io.promdeck.testing.Await.until(Duration.ofSeconds(20), "the first counter reads (refused)",
                    () -> proxies.stream().allMatch(proxy -> proxy.count("/metrics") >= 1));
            proxies.forEach(io.promdeck.testing.FaultProxy::heal);

            SyntheticAlert.Outcome result = outcome.get(90, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(result.verdict()).as(result.sentence()).isEqualTo(SyntheticAlert.Verdict.FAILED);
        } finally {
            proxies.forEach(io.promdeck.testing.FaultProxy::close);
        }
    }

    private static int hooksWith(String text) {
        return (int) WEBHOOK.received("/hook").stream().filter(r -> r.body().contains(text)).count();
    }
}
