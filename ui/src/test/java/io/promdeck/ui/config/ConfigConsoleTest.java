package io.promdeck.ui.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.config.ConfigKind;
import io.promdeck.app.config.ConfigProblem;
import io.promdeck.app.config.ConfigUnit;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.Topology;
import io.promdeck.testing.Await;
import io.promdeck.testing.Sandboxes;
import io.promdeck.ui.audit.AuditViewModel;
import io.promdeck.ui.testing.ConsoleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The config flow on a real local stack (two Prometheus replicas each with its own file, three Alertmanagers): typed
 * into the editor, a bad duration is marked at its line; fixed, the diff shows the one added line; Apply verifies it
 * on both replicas (each keeping its own replica label value); Roll back puts the old file back, verified; the routing
 * test names the receiver; the Audit panel lists the apply and the rollback with the diff. Screenshots of each state.
 */
class ConfigConsoleTest {

    private static final Duration STEP = Duration.ofSeconds(60);
    private final FxRobot robot = new FxRobot();

    private String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String query) {
        return robot.lookup(query).queryAs(TableView.class);
    }

    @Test
    void editValidateDiffApplyVerifyRollBackAndAudit() throws Exception {
        Sandbox sandbox = Sandboxes.start(Topology.HA);
        try (ConsoleFixture console = ConsoleFixture.start(null)) {
            robot.interact(() -> console.console().session().openSandbox(sandbox));
            Await.until(STEP, "the session", () -> console.console().session().sessionProperty().get() != null);
            robot.clickOn("#nav-config");
            @SuppressWarnings("unchecked")
            ComboBox<ConfigUnit> unit = robot.lookup("#config-unit").queryAs(ComboBox.class);
            Await.until(STEP, "the configurations", () -> !io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(unit.getItems())).isEmpty() && unit.getValue() != null, () -> text("#config-status"));
            assertThat(io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(unit.getItems()))).extracting(ConfigUnit::kind).contains(ConfigKind.PROMETHEUS, ConfigKind.RULES, ConfigKind.ALERTMANAGER);
            ConfigUnit main = io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(unit.getItems())).stream().filter(u -> u.kind() == ConfigKind.PROMETHEUS).findFirst().orElseThrow();
            robot.interact(() -> unit.setValue(main));
            TableView<ConfigReplicaRow> replicas = table("#config-replicas");
            Await.until(STEP, "both replicas running their own source", () -> rowsOf(replicas).size() == 2
                    && rowsOf(replicas).stream().allMatch(r -> r.loaded().startsWith("runs its source")),
                    () -> text("#config-status") + rowsOf(replicas));
            assertThat(rowsOf(replicas)).extracting(ConfigReplicaRow::source).allMatch(s -> s.startsWith("file "))
                    .doesNotHaveDuplicates();
            CodeArea editor = robot.lookup("#config-editor").queryAs(CodeArea.class);
            String original = editor.getText();
            List<String> labelsBefore = rowsOf(replicas).stream().map(r -> replicaValue(r.source())).toList();
            Await.until(Duration.ofSeconds(5), "the read's age", () -> text("#config-read-age").startsWith("loaded state read "));
            console.screenshot("config-loaded");

            // A person types a new line under scrape_interval: first with a duration unit that does not exist.
            int line = lineOf(editor, "scrape_interval:");
            String indent = editor.getParagraph(line).getText().replaceAll("^(\\s*).*$", "$1");
            robot.interact(() -> editor.moveTo(line, editor.getParagraph(line).length()));
            robot.clickOn(editor);
            robot.interact(() -> editor.moveTo(line, editor.getParagraph(line).length()));
            robot.type(KeyCode.ENTER);
            robot.write(indent + "scrape_timeout: 1x");
            Await.until(Duration.ofSeconds(10), "the typed line", () -> editor.getText().contains("scrape_timeout: 1x"));
            robot.clickOn("#config-validate");
            @SuppressWarnings("unchecked")
            ListView<ConfigProblem> problems = robot.lookup("#config-problems").queryAs(ListView.class);
            Await.until(STEP, "the bad duration found", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(problems.getItems())).stream()
                    .anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR && p.line() == line + 2), () -> text("#config-checked")
                    + io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(problems.getItems())));
            assertThat(text("#config-checked")).contains("error").contains("Apply is refused");
            assertThat(editor.getParagraph(line + 1).getParagraphStyle()).contains("error-line");
            assertThat(editor.getParagraph(line).getParagraphStyle()).doesNotContain("error-line");
            console.screenshot("config-error-marked");

            // Apply is refused while the error stands: nothing is written.
            robot.clickOn("#config-apply");
            Await.until(STEP, "the refusal", () -> text("#config-outcome").contains("nothing was written"));
            assertThat(Files.readString(Path.of(rowsOf(replicas).get(0).source().substring("file ".length())))).isEqualTo(original);

            robot.clickOn(editor);
            robot.interact(() -> editor.moveTo(line + 1, editor.getParagraph(line + 1).length()));
            robot.type(KeyCode.BACK_SPACE);
            robot.write("s");
            robot.clickOn("#config-validate");
            Await.until(STEP, "no error left", () -> text("#config-checked").startsWith("No problem") || (!text("#config-checked").isEmpty()
                    && !text("#config-checked").contains("error") && !text("#config-checked").startsWith("Checking")), () -> text("#config-checked"));
            robot.clickOn("#config-tab-diff .tab-label");
            @SuppressWarnings("unchecked")
            ListView<io.promdeck.app.config.ConfigDiff.Line> diff = robot.lookup("#config-diff").queryAs(ListView.class);
            assertThat(io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(diff.getItems()))).filteredOn(l -> l.kind() != io.promdeck.app.config.ConfigDiff.Line.Kind.SAME)
                    .extracting(io.promdeck.app.config.ConfigDiff.Line::text).containsExactly(indent + "scrape_timeout: 1s");
            assertThat(text("#config-diff-summary")).startsWith("+1 −0 lines against file ");
            robot.interact(() -> diff.scrollTo(Math.max(0, line - 5)));
            console.screenshot("config-diff");

            robot.clickOn("#config-apply");
            Await.until(STEP, "verified on both replicas", () -> text("#config-outcome").toLowerCase().contains("verified")
                    && rowsOf(replicas).stream().allMatch(r -> r.step().equals("✓ verified")), () -> text("#config-outcome") + rowsOf(replicas));
            assertThat(rowsOf(replicas)).allSatisfy(r -> {
                assertThat(r.reloads()).isNotEmpty();
                assertThat(r.elapsed()).matches("\\d+ ms|\\d+\\.\\d s");
            });
            for (ConfigReplicaRow r : rowsOf(replicas)) {
                String written = Files.readString(Path.of(r.source().substring("file ".length())));
                assertThat(written).contains("scrape_timeout: 1s");
            }
            List<String> labels = rowsOf(replicas).stream().map(r -> replicaValue(r.source())).toList();
            assertThat(labels).as("each replica's file keeps its own replica label value").isEqualTo(labelsBefore).doesNotContain("");
            Await.until(STEP, "the sources read again", () -> rowsOf(replicas).stream().allMatch(r -> r.loaded().startsWith("runs its source")));
            Await.until(Duration.ofSeconds(5), "the diff against the new source", () -> text("#config-diff-summary")
                    .equals("No change against the source."));
            robot.clickOn("#config-tab-edit .tab-label");
            console.screenshot("config-verified");

            robot.clickOn("#config-rollback");
            Await.until(STEP, "rolled back and verified", () -> text("#config-outcome").equals("Rolled back and verified: every replica runs the previous configuration again.")
                    && rowsOf(replicas).stream().allMatch(r -> r.step().equals("✓ verified")), () -> text("#config-outcome"));
            Await.until(STEP, "the old file in the editor", () -> !editor.getText().contains("scrape_timeout"));
            assertThat(Files.readString(Path.of(rowsOf(replicas).get(0).source().substring("file ".length())))).isEqualTo(original);
            console.screenshot("config-rolled-back");

            ConfigUnit alertmanager = io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(unit.getItems())).stream().filter(u -> u.kind() == ConfigKind.ALERTMANAGER).findFirst().orElseThrow();
            robot.interact(() -> unit.setValue(alertmanager));
            Await.until(STEP, "three peers running their source", () -> rowsOf(replicas).size() == 3
                    && rowsOf(replicas).stream().allMatch(r -> r.loaded().startsWith("runs its source")), () -> rowsOf(replicas).toString());
            robot.clickOn("#config-tab-routing .tab-label");
            robot.clickOn("#routing-labels").write("alertname=Watchdog severity critical");
            robot.clickOn("#routing-test");
            assertThat(text("#routing-error")).isEqualTo("'severity' is not name=value (a label name is letters, digits and _)");
            robot.doubleClickOn("#routing-labels");
            robot.interact(() -> robot.lookup("#routing-labels").queryAs(javafx.scene.control.TextField.class).clear());
            robot.clickOn("#routing-labels").write("alertname=Watchdog severity=critical");
            robot.clickOn("#routing-test");
            @SuppressWarnings("unchecked")
            ListView<String> routes = robot.lookup("#routing-result").queryAs(ListView.class);
            Await.until(Duration.ofSeconds(5), "a destination", () -> !io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(routes.getItems())).isEmpty());
            assertThat(text("#routing-error")).isEmpty();
            assertThat(io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(routes.getItems()))).allMatch(r -> r.startsWith("→ ") && r.contains("via route"));
            console.screenshot("config-routing-test");

            robot.clickOn("#nav-audit");
            TableView<AuditViewModel.Row> audit = table("#audit-table");
            Await.until(STEP, "the apply and the rollback recorded", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(audit.getItems())).stream().map(AuditViewModel.Row::action).toList()
                    .containsAll(List.of("config.apply", "config.rollback")));
            robot.clickOn("#audit-filter").write("config.apply");
            Await.until(Duration.ofSeconds(5), "the filter", () -> io.promdeck.ui.testing.Fx.get(() -> java.util.List.copyOf(audit.getItems())).size() == 1);
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(robot.from(audit).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(r -> r.getItem() != null).findFirst().orElseThrow());
            TextArea details = robot.lookup("#audit-details").queryAs(TextArea.class);
            Await.until(Duration.ofSeconds(5), "the entry in full", () -> details.getText().contains("+" + indent + "scrape_timeout: 1s"));
            assertThat(details.getText()).contains("before: ").contains("after: ").contains("replica ");
            console.screenshot("audit-config-apply");
        } finally {
            sandbox.stop();
        }
    }

    private static int lineOf(CodeArea editor, String text) {
        for (int i = 0; i < editor.getParagraphs().size(); i++) {
            if (editor.getParagraph(i).getText().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text + " in\n" + editor.getText());
    }

    private static String replicaValue(String source) {
        try {
            return io.promdeck.app.config.ReplicaValue.of(Files.readString(Path.of(source.substring("file ".length()))), "replica");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table's rows as they are now, copied on the FX thread (which changes them while the test reads). */
    private static <T> List<T> rowsOf(TableView<T> table) {
        return io.promdeck.ui.testing.Fx.get(() -> List.copyOf(table.getItems()));
    }
}
