package io.promdeck.ui.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.sandbox.Drill;
import io.promdeck.app.sandbox.Program;
import io.promdeck.testing.Await;
import io.promdeck.ui.sandbox.DrillsViewModel.ProcessRow;
import io.promdeck.ui.sandbox.NotificationsViewModel.NotificationRow;
import io.promdeck.ui.testing.ConsoleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The local stack as a newcomer meets it: a machine without any kubeconfig offers "Start a local HA stack" first; one
 * click starts real processes and ends on live panels; the Notifications panel lists what the Alertmanagers sent; a
 * drill kills an Alertmanager, the Overview says so, and Undo brings it back. Screenshots of each state.
 */
class LocalStackConsoleTest {

    private static final Duration START = Duration.ofSeconds(90);
    private final FxRobot robot = new FxRobot();

    private String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void firstScreenOffersALocalStackThatStartsOnLivePanelsWithNotificationsAndDrills() throws Exception {
        try (ConsoleFixture console = ConsoleFixture.start(null)) {
            Await.until(Duration.ofSeconds(10), "the first screen's offer", () -> robot.lookup("#sandbox-start").tryQuery().isPresent());
            Button start = robot.lookup("#sandbox-start").queryAs(Button.class);
            assertThat(start.getText()).isEqualTo("Start a local HA stack");
            assertThat(robot.lookup("#no-kubeconfig").tryQuery()).as("the kubeconfig explanation comes after the offer").isPresent();
            assertThat(start.localToScene(0, 0).getY()).isLessThan(robot.lookup("#no-kubeconfig").query().localToScene(0, 0).getY());
            assertThat(text("#sandbox-description")).startsWith("2 Prometheus replicas with distinct replica labels and 3 Alertmanagers");
            console.screenshot("local-stack-offer");

            robot.clickOn("#sandbox-start");
            Await.until(Duration.ofSeconds(10), "progress", () -> !text("#sandbox-progress").isEmpty());
            console.screenshot("local-stack-starting");

            Await.until(START, "the Overview of the running stack", () -> robot.lookup("#overview-headline").tryQuery()
                    .map(n -> n.isVisible() && n.getScene() != null).orElse(false)
                    && console.console().session().stateProperty().get() != null
                    && console.console().session().stateProperty().get().replicas().values().stream().filter(s -> s.fresh()).count() == 2
                    && console.console().session().stateProperty().get().peers().values().stream().filter(s -> s.fresh()).count() == 3,
                    () -> text("#sandbox-progress") + " / " + text("#sandbox-error"));
            assertThat(text("#status-bar")).startsWith("Prometheus").doesNotContain("unknown").doesNotContain("Not connected");
            Await.until(Duration.ofSeconds(60), "a verdict on fresh data", () -> !text("#overview-headline").contains("unknown")
                    && !text("#overview-headline").isEmpty(), () -> text("#overview-headline"));
            console.screenshot("local-stack-overview");

            robot.clickOn("#nav-notifications");
            @SuppressWarnings("unchecked")
            TableView<NotificationRow> notifications = robot.lookup("#notifications").queryAs(TableView.class);
            Await.until(Duration.ofSeconds(60), "the Watchdog notification", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(notifications.getItems())).stream()
                    .anyMatch(r -> r.alerts().contains("Watchdog") && r.status().equals("firing")), () -> text("#notifications-header"));
            assertThat(text("#notifications-header")).startsWith("Receiver http://127.0.0.1:").contains("/hook/sandbox");
            NotificationRow watchdog = io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(notifications.getItems())).stream().filter(r -> r.alerts().contains("Watchdog")).findFirst().orElseThrow();
            assertThat(watchdog.sender()).matches("alertmanager-[0-2]");
            assertThat(watchdog.answer()).isEqualTo("taken (HTTP 200)");
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(robot.from(notifications).lookup(".table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                    .filter(r -> watchdog.equals(r.getItem())).findFirst().orElseThrow());
            Await.until(Duration.ofSeconds(5), "the notification's alerts", () -> robot.lookup("#notification-details")
                    .queryAs(javafx.scene.control.TextArea.class).getText().contains("• Watchdog"));
            console.screenshot("local-stack-notifications");

            robot.clickOn("#nav-drills");
            @SuppressWarnings("unchecked")
            ListView<Drill> drills = robot.lookup("#drills").queryAs(ListView.class);
            Drill kill = new Drill(Drill.Kind.KILL, "alertmanager-1");
            Await.until(Duration.ofSeconds(10), "the drills", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(drills.getItems())).contains(kill));
            robot.interact(() -> drills.scrollTo(kill));
            robot.clickOn(robot.lookup("#drills .list-cell").match(c -> kill.title().equals(((javafx.scene.control.ListCell<?>) c).getText()))
                    .queryAs(javafx.scene.control.ListCell.class));
            assertThat(text("#drill-expectation")).startsWith("alertmanager-1 dies without a goodbye, like an OOM-killed pod.");
            robot.clickOn("#drill-run");
            Await.until(Duration.ofSeconds(30), "the drill done", () -> text("#drill-outcome").startsWith("Done: killed alertmanager-1"),
                    () -> text("#drill-outcome") + text("#drill-error"));
            @SuppressWarnings("unchecked")
            TableView<ProcessRow> processes = robot.lookup("#drill-processes").queryAs(TableView.class);
            Await.until(Duration.ofSeconds(10), "alertmanager-1 shown stopped", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(processes.getItems())).stream()
                    .anyMatch(p -> p.name().equals("alertmanager-1") && p.state().equals("stopped")));
            @SuppressWarnings("unchecked")
            TableView<Drill> inEffect = robot.lookup("#drills-in-effect").queryAs(TableView.class);
            assertThat(io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(inEffect.getItems()))).containsExactly(kill);
            console.screenshot("local-stack-drill-kill");

            robot.clickOn("#nav-overview");
            Await.until(Duration.ofSeconds(40), "the Overview showing the killed peer", () -> text("#overview-headline").contains("fail"),
                    () -> text("#overview-headline"));
            console.screenshot("local-stack-drill-overview");

            robot.clickOn("#nav-drills");
            robot.clickOn("#undo-kill-alertmanager-1");
            Await.until(Duration.ofSeconds(60), "the undo done", () -> text("#drill-outcome").startsWith("Undone: started alertmanager-1 again"),
                    () -> text("#drill-outcome") + text("#drill-error"));
            Await.until(Duration.ofSeconds(10), "nothing in effect", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(inEffect.getItems())).isEmpty());
            console.screenshot("local-stack-drill-undone");

            robot.clickOn("#nav-connect");
            Await.until(Duration.ofSeconds(10), "the running stack's summary", () -> text("#sandbox-running").startsWith("A local stack runs: HA pair"));
            robot.clickOn("#sandbox-stop");
            Await.until(Duration.ofSeconds(30), "the stack stopped", () -> text("#sandbox-progress").equals("Stopped the local stack."));
            assertThat(robot.lookup("#sandbox-start").queryAs(Button.class).isVisible()).isTrue();
            assertThat(console.home().resolve(".local/share/promdeck/sandbox/stack")).doesNotExist();
        }
    }

    @Test
    void missingProgramsAreNamedWithTheCommandThatInstallsThem() throws Exception {
        Path bin = Files.createTempDirectory("promdeck-bin");
        Path empty = Files.createTempDirectory("promdeck-empty");
        Files.createSymbolicLink(bin.resolve("prometheus"), Program.PROMETHEUS.find(System.getenv()).orElseThrow());
        try (ConsoleFixture console = ConsoleFixture.start(null, Map.of("PATH", bin.toString(), Program.SEARCH_PATH, empty.toString()))) {
            Await.until(Duration.ofSeconds(10), "the first screen's offer", () -> robot.lookup("#sandbox-start").tryQuery().isPresent());
            robot.clickOn("#sandbox-start");
            Await.until(Duration.ofSeconds(10), "the missing programs", () -> !text("#sandbox-error").isEmpty());
            assertThat(text("#sandbox-error")).isEqualTo("Alertmanager (package prometheus-alertmanager), node-exporter (package "
                    + "prometheus-node-exporter) are not installed: install them with 'sudo apt-get install -y prometheus-alertmanager "
                    + "prometheus-node-exporter' (or put their programs on PATH).");
            assertThat(robot.lookup("#sandbox-install").queryAs(TextField.class).getText())
                    .isEqualTo("sudo apt-get install -y prometheus-alertmanager prometheus-node-exporter");
            assertThat(robot.lookup("#sandbox-start").queryAs(Button.class).isDisabled()).isFalse();
            console.screenshot("local-stack-missing-programs");
        }
    }
}
