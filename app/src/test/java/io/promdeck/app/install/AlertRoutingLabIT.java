package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promdeck.app.http.Json;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.TestHttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundled stack's route tree on real Alertmanagers: the rendered alertmanager.yml, with the in-cluster robot
 * bridge's address pointed at a loopback test server (the only change), delivers a critical alert to the robot
 * receiver and the default one, a warning only to the default one, and the inhibit rule silences the warning of an
 * alert that is also critical on the same target.
 */
class AlertRoutingLabIT {

    static final TestHttpServer RECEIVERS = new TestHttpServer().answer("/default", TestHttpServer.Reply.of(200, "text/plain", "ok"))
            .answer("/dingtalk/promdeck/send", TestHttpServer.Reply.of(200, "text/plain", "ok"));

    static final StackParameters PARAMETERS = StackRendererTest.params().with(Map.of("webhookUrl", RECEIVERS.url() + "/default",
            "dingtalk", true, "groupWait", "1s", "groupInterval", "1s"));

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(LabOptions.defaults().withAlertmanagerConfig(t -> ConfigFiles.alertmanager(PARAMETERS)
            .replace("http://" + PARAMETERS.serviceHost("dingtalk") + ":8060", RECEIVERS.url())));

    @AfterAll
    static void stop() {
        RECEIVERS.close();
    }

    private static void post(String alertname, String severity, String instance) throws Exception {
        String alert = Json.mapper().writeValueAsString(java.util.List.of(Map.of(
                "labels", Map.of("alertname", alertname, "severity", severity, "cluster", "lab", "namespace", "monitoring", "instance", instance),
                "startsAt", Instant.now().toString())));
        // To every peer, as Prometheus sends: alerts are not gossiped, and a peer further down the cluster's order waits
        // its position × peer_timeout (15 s each) before notifying — posted to one peer only, delivery could take 30 s.
        for (int i = 0; i < 3; i++) {
            Request request = new Request.Builder().url(LAB.lab().alertmanager(i).url() + "/api/v2/alerts")
                    .post(RequestBody.create(alert, MediaType.get("application/json"))).build();
            try (Response response = LAB.lab().http().newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
            }
        }
    }

    private static long received(String path, String alertname) {
        return RECEIVERS.received(path).stream().filter(r -> r.body().contains("\"alertname\":\"" + alertname + "\"")).count();
    }

    @Test
    void criticalGoesToTheRobotAndTheDefaultWarningOnlyToTheDefaultAndCriticalInhibitsWarning() throws Exception {
        post("RouteCritical", "critical", "node-1");
        post("RouteWarning", "warning", "node-2");
        Await.until(Duration.ofSeconds(30), "both alerts at the default receiver",
                () -> received("/default", "RouteCritical") > 0 && received("/default", "RouteWarning") > 0, () -> RECEIVERS.received().toString());
        Await.until(Duration.ofSeconds(30), "the critical alert at the robot", () -> received("/dingtalk/promdeck/send", "RouteCritical") > 0,
                () -> RECEIVERS.received().toString());
        // The warning went out to the default receiver in the same group cycle as the critical one reached the robot.
        assertThat(received("/dingtalk/promdeck/send", "RouteWarning")).isZero();

        // The same alert on the same target, critical and warning: the warning is inhibited.
        post("DiskFull", "critical", "node-3");
        post("DiskFull", "warning", "node-3");
        Await.until(Duration.ofSeconds(30), "the warning inhibited", () -> {
            Request request = new Request.Builder().url(LAB.lab().alertmanager(0).url()
                    + "/api/v2/alerts?filter=alertname%3D%22DiskFull%22&filter=severity%3D%22warning%22").build();
            try (Response response = LAB.lab().http().newCall(request).execute()) {
                JsonNode alerts = Json.mapper().readTree(response.body().string());
                return alerts.size() == 1 && alerts.get(0).path("status").path("inhibitedBy").size() == 1
                        && "suppressed".equals(alerts.get(0).path("status").path("state").asText());
            } catch (java.io.IOException e) {
                return false;
            }
        }, () -> RECEIVERS.received().toString());
        Await.until(Duration.ofSeconds(30), "the critical DiskFull delivered", () -> received("/default", "DiskFull") > 0, () -> RECEIVERS.received().toString());
        assertThat(RECEIVERS.received("/default")).filteredOn(r -> r.body().contains("\"alertname\":\"DiskFull\""))
                .noneMatch(r -> r.body().contains("\"severity\":\"warning\""));
    }
}
