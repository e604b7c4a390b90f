package io.promdeck.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.Await;
import io.promdeck.ui.testing.ConsoleFixture;
import java.nio.file.Files;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A machine without any kubeconfig opens on a screen that says so, and offers a direct-URL profile. */
class FirstScreenTest {

    private final FxRobot robot = new FxRobot();

    @Test
    void withoutKubeconfigTheFirstScreenSaysSoAndOffersAProfile() throws Exception {
        try (ConsoleFixture console = ConsoleFixture.start(null)) {
            Await.until(Duration.ofSeconds(10), "the no-kubeconfig screen", () -> robot.lookup("#no-kubeconfig").tryQuery().isPresent());

            Stage stage = console.stage();
            assertThat(stage.getTitle()).isEqualTo("Promdeck");
            // Decoded off the FX thread after the first frame.
            Await.until(Duration.ofSeconds(10), "the window icons", () -> stage.getIcons().size() == 7);
            assertThat(stage.getIcons()).allSatisfy(i -> assertThat(i.getWidth()).isPositive());
            assertThat(robot.lookup("#no-kubeconfig").queryAs(Label.class).getText()).isEqualTo("No kubeconfig found");
            assertThat(robot.lookup(".label").queryAllAs(Label.class)).anySatisfy(l -> assertThat(l.getText()).contains("~/.kube/config"));
            Node open = robot.lookup("#profile-open").query();
            assertThat(open.isDisabled()).isTrue();
            assertThat(robot.lookup("#status-bar").queryAs(Label.class).getText()).isEqualTo("Not connected");
            assertThat(Files.size(console.screenshot("connect-no-kubeconfig"))).isPositive();

            robot.clickOn("#profile-path").write("/nonexistent/profile.yaml");
            robot.clickOn("#profile-open");
            Await.until(Duration.ofSeconds(10), "the profile error", () -> robot.lookup(".field-error").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().startsWith("There is no profile file at /nonexistent/profile.yaml. (after ")));
            console.screenshot("connect-profile-error");
        }
    }
}
