package io.promdeck.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import io.promdeck.testing.FaultProxy;
import io.promdeck.testing.FaultProxy.Fault;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabMember;
import io.promdeck.ui.alerts.AlertRow;
import io.promdeck.ui.replicas.ReplicaRow;
import io.promdeck.ui.silences.SilenceRow;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import io.promdeck.ui.testing.Screenshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The console on the real lab with a {@link FaultProxy} in front of every process (a direct-URL profile names the
 * proxies), with the console's own 10 s call timeout: each fault shows on screen as what it is, the rest keeps
 * refreshing, and the picture is right again within 30 s of the fault's removal. Screenshots of each state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsConsoleTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String LOGIN_PAGE = "<!DOCTYPE html><html><head><title>Sign in – Example SSO</title></head><body>…</body></html>";
    private static final Map<String, FaultProxy> PROXIES = new LinkedHashMap<>();
    private static ConsoleFixture console;
    private static Path profile;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws IOException {
        StringBuilder yaml = new StringBuilder("name: lab-through-faults\nprometheus:\n");
        for (LabMember member : LAB.lab().members()) {
            FaultProxy proxy = new FaultProxy(member.url());
            PROXIES.put(member.name(), proxy);
            if (member.name().startsWith("alertmanager") && !yaml.toString().contains("alertmanager:")) {
                yaml.append("alertmanager:\n");
            }
            yaml.append("  - {name: ").append(member.name()).append(", url: \"").append(proxy.url()).append("\"}\n");
        }
        profile = Files.writeString(Files.createTempDirectory("promdeck-faults").resolve("lab.yaml"), yaml.toString());
        console = ConsoleFixture.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        PROXIES.values().forEach(FaultProxy::close);
    }

    private static void alertmanagers(String path, Fault fault) {
        PROXIES.forEach((name, proxy) -> {
            if (name.startsWith("alertmanager")) {
                proxy.fault(path, fault);
            }
        });
    }

    private static void heal() {
        PROXIES.values().forEach(FaultProxy::heal);
    }

    private String text(String query) {
        return Fx.get(() -> ((javafx.scene.control.Labeled) robot.lookup(query).query()).getText());
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rows(String table) {
        return Fx.get(() -> List.copyOf(((TableView<T>) robot.lookup(table).query()).getItems()));
    }

    @SuppressWarnings("unchecked")
    private List<String> overview() {
        return Fx.get(() -> robot.lookup("#overview-alerts").tryQuery().map(n -> List.of(((Label) n).getText().replaceFirst(" · replica label: .*$", "")))
                .orElse(List.of()));
    }

    private boolean visible(String query) {
        return Fx.get(() -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    }

    private void openProfile() {
        robot.clickOn("#nav-connect");
        Await.until(WAIT, "the profile field", () -> robot.lookup("#profile-path").tryQuery().isPresent());
        robot.clickOn("#profile-path").press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.CONTROL).push(javafx.scene.input.KeyCode.BACK_SPACE);
        robot.write(profile.toString());
        robot.clickOn("#profile-open");
    }

    @Test
    @Order(1)
    void aHealthyLabThroughTheProxiesIsConnected() {
        openProfile();
        Await.until(WAIT, "connected with the firing alert", () -> text("#health").startsWith("Connected")
                && overview().stream().anyMatch(l -> l.startsWith("✓ Alerts: 1")), () -> text("#health") + " " + overview());
        console.screenshot("faults-1-healthy");
    }

    @Test
    @Order(2)
    void stalledAlertCallsShowTheLastAlertsWithTheirAgeAndDegradeTheConnection() {
        alertmanagers("/api/v2/alerts", new Fault.Stall());
        long faulted = System.nanoTime();
        Await.until(WAIT, "the timeouts shown", () -> text("#health").startsWith("Degraded")
                && text("#health").contains("all 3 peers timed out after 10 s"), () -> text("#health"));
        long detected = Duration.ofNanos(System.nanoTime() - faulted).toMillis();
        assertThat(detected).as("detected within the 10 s timeout plus one interval").isLessThan(10_000 + 5_000);
        // The Overview is built off the FX thread from the same state: it follows within a moment.
        Await.until(WAIT, "the Overview saying so", () -> overview().stream().anyMatch(l -> l.startsWith("⚠ Alerts: 1 — alerts as of")
                && l.endsWith("all 3 peers timed out after 10 s")), () -> String.valueOf(overview()));
        console.screenshot("faults-2-alerts-timed-out-overview");

        robot.clickOn("#nav-alerts");
        Await.until(WAIT, "the age banner", () -> visible("#alerts-coverage"));
        assertThat(text("#alerts-coverage")).startsWith("Alerts as of").endsWith("all 3 peers timed out after 10 s.");
        assertThat(this.<AlertRow>rows("#alerts-table")).extracting(AlertRow::name).contains(LabConfigs.ALWAYS_FIRING);
        // The status calls of the same peers and the replicas keep refreshing meanwhile.
        assertThat(text("#status-bar")).contains("Prometheus ").contains("Alerts as of").doesNotContain("Prometheus as of");
        console.screenshot("faults-3-alerts-timed-out-panel");

        heal();
        long healed = System.nanoTime();
        Await.until(WAIT, "the alerts live again", () -> text("#health").startsWith("Connected") && !visible("#alerts-coverage"),
                () -> text("#health"));
        long recovered = Duration.ofNanos(System.nanoTime() - healed).toMillis();
        assertThat(recovered).as("back on screen after the fault is removed").isLessThan(30_000);
        System.out.println("FAULT alerts stalled on 3 peers: detected " + detected + " ms, recovered " + recovered + " ms");
        PROXIES.forEach((name, proxy) -> assertThat(proxy.pathsInFlightMoreThanOnce()).as("paths to " + name + " with more than one request in flight")
                .isEmpty());
    }

    @Test
    @Order(3)
    void aLoginPageInFrontOfOneReplicaIsAnErrorReadableInFull() {
        PROXIES.get("prometheus-0").fault("/", new Fault.Answer(200, "text/html", LOGIN_PAGE));
        robot.clickOn("#nav-prometheus");
        Await.until(WAIT, "prometheus-0 stale", () -> this.<ReplicaRow>rows("#replicas-table").stream()
                .anyMatch(r -> r.name().equals("prometheus-0") && r.freshness().startsWith("stale · as of")));
        ReplicaRow row = this.<ReplicaRow>rows("#replicas-table").stream().filter(r -> r.name().equals("prometheus-0")).findFirst().orElseThrow();
        assertThat(row.error()).contains("an HTML page 'Sign in – Example SSO' where JSON was expected");
        // The cut-off error cell carries the whole sentence in its tooltip.
        Await.until(WAIT, "the error cell's tooltip", () -> Fx.get(() -> robot.lookup("#replicas-table .table-cell")
                .match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.isVisible() && c.getText() != null
                        && c.getText().contains("Sign in") && c.getTooltip() != null
                        && c.getTooltip().getText().equals(row.error())).tryQuery().isPresent()));
        assertThat(this.<ReplicaRow>rows("#replicas-table")).filteredOn(r -> r.name().equals("prometheus-1"))
                .singleElement().satisfies(r -> assertThat(r.freshness()).isEqualTo("live"));
        console.screenshot("faults-4-login-page-replica");

        // The click selects the row; when it lands while the error cell's tooltip covers it (or a refresh replaces the
        // cell under the pointer), the person clicks again.
        Await.until(WAIT, "prometheus-0 selected", () -> {
            if (Fx.get(() -> ((TableView<?>) robot.lookup("#replicas-table").query()).getSelectionModel().getSelectedItem()) != null) {
                return true;
            }
            robot.moveTo("#nav-prometheus");
            robot.clickOn(robot.lookup("#replicas-table .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && "prometheus-0".equals(c.getText()) && c.isVisible() && c.getTableRow() != null && c.getTableRow().getIndex() >= 0)
                    .queryAs(Node.class));
            return Fx.get(() -> ((TableView<?>) robot.lookup("#replicas-table").query()).getSelectionModel().getSelectedItem()) != null;
        });
        // Refreshes every second replace the rows in place: the selection (and so the button) stays.
        for (int i = 0; i < 3; i++) {
            Await.until(WAIT, "the row refreshed", () -> Fx.get(() -> ((TableView<?>) robot.lookup("#replicas-table").query())
                    .getSelectionModel().getSelectedItem() != null));
            assertThat(Fx.get(() -> robot.lookup("#replica-details").query().isDisabled())).isFalse();
        }
        robot.clickOn("#replica-details");
        Await.until(WAIT, "the details", () -> robot.lookup("#error-details-text").tryQuery().isPresent());
        String details = Fx.get(() -> ((TextArea) robot.lookup("#error-details-text").query()).getText());
        assertThat(details).contains("Request: GET /api/v1/status/runtimeinfo").contains("Waited: ").contains("At: ")
                .contains("Route: direct " + PROXIES.get("prometheus-0").url());
        Screenshots.window("faults-5-error-details", robot.lookup("#error-details-text").query());
        robot.clickOn("Close");
        heal();
        Await.until(WAIT, "prometheus-0 live again", () -> this.<ReplicaRow>rows("#replicas-table").stream().allMatch(r -> r.freshness().equals("live")));
    }

    @Test
    @Order(4)
    void oneSilenceThePeersSendThatCannotBeReadIsShownApartWithItsText() {
        String silences = """
                [{"id":"good-1","matchers":[{"name":"alertname","value":"DiskFull","isRegex":false,"isEqual":true}],
                  "startsAt":"2026-11-29T10:00:00Z","endsAt":"2099-11-29T12:00:00Z","updatedAt":"2026-11-29T10:00:00Z",
                  "createdBy":"alice","comment":"disk swap","status":{"state":"active"}},
                 {"id":"odd-1","matchers":[{"name":"instance","value":42,"isRegex":false,"isEqual":true}],
                  "startsAt":"2026-11-29T10:00:00Z","endsAt":"2099-11-29T12:00:00Z","updatedAt":"2026-11-29T10:00:00Z",
                  "createdBy":"bob","comment":"written by another tool","status":{"state":"active"}}]""";
        alertmanagers("/api/v2/silences", new Fault.Answer(200, "application/json", silences));
        robot.clickOn("#nav-silences");
        Await.until(WAIT, "the odd silence apart", () -> visible("#silences-unreadable"));
        assertThat(text("#silences-unreadable")).isEqualTo("1 silence could not be read — show it");
        assertThat(this.<SilenceRow>rows("#silences-table")).extracting(r -> r.silence().id()).containsExactly("good-1");
        console.screenshot("faults-6-unreadable-silence");
        robot.clickOn("#silences-unreadable");
        Await.until(WAIT, "its text", () -> robot.lookup("#error-details-text").tryQuery().isPresent());
        assertThat(Fx.get(() -> ((TextArea) robot.lookup("#error-details-text").query()).getText()))
                .contains("silence odd-1: 'value' is missing or not a string").contains("\"value\":42");
        Screenshots.window("faults-7-unreadable-silence-text", robot.lookup("#error-details-text").query());
        robot.clickOn("Close");
        heal();
        Await.until(WAIT, "the link gone", () -> !visible("#silences-unreadable"));
    }

    @Test
    @Order(5)
    void alertsThatNeverAnsweredAreUnknownNeverNoAlerts() {
        alertmanagers("/api/v2/alerts", new Fault.Stall());
        openProfile();
        Await.until(WAIT, "the overview", () -> robot.lookup("#overview-alerts").tryQuery().isPresent());
        // Each peer's call times out on its own: wait for the third, not only the first two.
        Await.until(WAIT, "the unknown alerts", () -> overview().contains("✗ Alerts: unknown — all 3 peers timed out after 10 s"), this::overviewText);
        assertThat(text("#health")).startsWith("Degraded");
        console.screenshot("faults-8-alerts-unknown-overview");
        robot.clickOn("#nav-alerts");
        assertThat(text("#alerts-placeholder")).isEqualTo("Alerts unknown: all 3 peers timed out after 10 s.");
        assertThat(text("#alerts-counts")).isEqualTo("Alert counts unknown.");
        console.screenshot("faults-9-alerts-unknown-panel");
        heal();
        Await.until(WAIT, "alerts again", () -> !this.<AlertRow>rows("#alerts-table").isEmpty());
    }

    private String overviewText() {
        return String.join(" | ", overview());
    }
}
