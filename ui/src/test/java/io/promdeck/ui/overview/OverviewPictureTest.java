package io.promdeck.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.doctor.Finding;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.http.Json;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabMember;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Overview as a picture on the real lab, opened through direct-URL profiles: healthy, degraded (a Thanos Query
 * without compactor or store gateway), failed (a killed Alertmanager); each in the light and the dark theme.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverviewPictureTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final TestHttpServer THANOS = new TestHttpServer();
    private static ConsoleFixture console;
    private static Path dir;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("promdeck-overview");
        console = ConsoleFixture.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        THANOS.close();
    }

    private static Path profile(String name, boolean thanos) throws Exception {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nprometheus:\n");
        for (LabMember m : LAB.lab().prometheus()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        yaml.append("alertmanager:\n");
        for (LabMember m : LAB.lab().alertmanagers()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        if (thanos) {
            yaml.append("thanosQuery: {url: \"").append(THANOS.url()).append("\"}\n");
        }
        return Files.writeString(dir.resolve(name + ".yaml"), yaml.toString());
    }

    private void open(Path profile) {
        robot.clickOn("#nav-connect");
        Await.until(WAIT, "the profile field", () -> robot.lookup("#profile-path").tryQuery().isPresent());
        robot.clickOn("#profile-path").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).push(KeyCode.BACK_SPACE);
        robot.write(profile.toString());
        robot.clickOn("#profile-open");
        Await.until(WAIT, "the overview", () -> robot.lookup("#overview-headline").tryQuery().map(n -> n.isVisible()).orElse(false));
    }

    private String headline() {
        return Fx.get(() -> ((Label) robot.lookup("#overview-headline").query()).getText());
    }

    @SuppressWarnings("unchecked")
    private List<Finding> findings() {
        return Fx.get(() -> List.copyOf(((ListView<Finding>) robot.lookup("#overview-findings").query()).getItems()));
    }

    private boolean nodeHas(String id, String styleClass) {
        return Fx.get(() -> robot.lookup("#node-" + id.replace('/', '-')).tryQuery().map(n -> n.getStyleClass().contains(styleClass)).orElse(false));
    }

    private void both(String name) {
        console.screenshot(name + "-light");
        robot.clickOn("#theme");
        console.screenshot(name + "-dark");
        robot.clickOn("#theme");
    }

    @Test
    @Order(1)
    void aHealthyLabIsOneGreenPicture() throws Exception {
        open(profile("lab", false));
        Await.until(WAIT, "the diagnosis", () -> headline().startsWith("Highly available"), this::headline);
        assertThat(headline()).matches("Highly available: all \\d+ checks pass");
        assertThat(nodeHas("prometheus/prometheus-0", "verdict-ok")).isTrue();
        assertThat(nodeHas("alertmanager/alertmanager-2", "verdict-ok")).isTrue();
        assertThat(findings()).allSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.OK));
        both("overview-healthy");
    }

    @Test
    @Order(2)
    void aThanosQueryWithoutCompactorOrStoreGatewayIsDegraded() throws Exception {
        var stores = Json.mapper().createObjectNode().put("status", "success");
        var sidecars = stores.putObject("data").putArray("sidecar");
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            Map<String, String> labels = r.client().config().orElseThrow().externalLabels();
            var s = sidecars.addObject().put("name", r.name() + ":10901").put("lastCheck", Instant.now().toString()).putNull("lastError")
                    .put("minTime", Instant.now().minusSeconds(3600).toEpochMilli()).put("maxTime", Long.MAX_VALUE);
            s.putArray("labelSets").add(Json.mapper().valueToTree(labels));
        }
        THANOS.answer("/api/v1/stores", Reply.json(Json.mapper().writeValueAsString(stores)));
        THANOS.answer("/api/v1/status/flags", Reply.json("{\"status\":\"success\",\"data\":{\"query.replica-label\":\"replica\"}}"));
        open(profile("lab-thanos", true));
        // The first diagnosis may come before the replicas' first answers ("1 failure, 1 warning"): wait for the one
        // made from every answer, where nothing fails.
        Await.until(WAIT, "the Thanos findings with every replica answering",
                () -> headline().contains("warning") && findings().stream().noneMatch(f -> f.verdict() == Verdict.FAIL), this::headline);
        assertThat(findings()).filteredOn(f -> f.verdict() == Verdict.FAIL).isEmpty();
        assertThat(findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("thanos.compactor");
            assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        });
        assertThat(nodeHas("thanos/compactor", "verdict-warn")).isTrue();
        assertThat(nodeHas("thanos/query", "verdict-ok")).isTrue();
        both("overview-degraded");
    }

    @Test
    @Order(3)
    void aKilledAlertmanagerIsRedAndClickingItShowsWhatToDo() throws Exception {
        open(profile("lab", false));
        LAB.lab().alertmanager(2).kill();
        Await.until(WAIT, "the failure", () -> headline().startsWith("Not highly available"), this::headline);
        Await.until(WAIT, "the dead peer red", () -> nodeHas("alertmanager/alertmanager-2", "verdict-fail"));
        both("overview-failed");

        robot.clickOn("#node-alertmanager-alertmanager-2");
        Await.until(WAIT, "its findings", () -> findings().stream().allMatch(f -> f.subjects().contains("alertmanager/alertmanager-2"))
                && !findings().isEmpty());
        robot.clickOn(robot.lookup("#overview-findings .list-cell").match(n -> ((javafx.scene.control.Labeled) n).getText() != null
                && ((javafx.scene.control.Labeled) n).getText().contains("Alertmanager mesh complete")).queryLabeled());
        Await.until(WAIT, "the evidence", () -> Fx.get(() -> ((TextArea) robot.lookup("#overview-details").query()).getText())
                .contains("What to do: Bring the missing peer back"));
        Await.until(WAIT, "the survivors' view in the evidence", () -> Fx.get(() -> ((TextArea) robot.lookup("#overview-details").query()).getText())
                .contains("alertmanager-0: sees 2 of 3 expected peers"));
        assertThat(Fx.get(() -> ((TextArea) robot.lookup("#overview-details").query()).getText()))
                .contains("alertmanager-0: sees 2 of 3 expected peers").contains("Check id: alertmanager.mesh");
        console.screenshot("overview-failed-node-selected");
        LAB.lab().heal();
    }
}
