package io.promdeck.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.ui.PromdeckApp;
import io.promdeck.ui.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Starts the real application class headless (Monocle) and looks at its window. */
class MainWindowTest {

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(PromdeckApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void opensAWindowTitledPromdeck() throws Exception {
        Stage stage = (Stage) robot.listWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();

        assertThat(stage.getTitle()).isEqualTo("Promdeck");
        assertThat(robot.lookup("#status-bar").queryAs(Label.class).getText()).isEqualTo("Not connected");
        Path shot = Screenshots.save(stage.getScene(), "shell-empty");
        assertThat(Files.size(shot)).isPositive();
    }
}
