package io.promdeck.ui;

import io.promdeck.ui.shell.Console;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the console from the process' environment and closes it on exit. */
public final class PromdeckApp extends Application {

    public static final String TITLE = "Promdeck";

    private Console console;

    @Override
    public void start(Stage stage) {
        io.promdeck.ui.common.Browser.install(getHostServices()::showDocument);
        console = new Console(Console.Environment.ofProcess());
        console.show(stage);
        Launcher.profile(getParameters().getRaw()).ifPresent(console.session()::openProfile);
        Launcher.sandbox(getParameters().getRaw()).ifPresent(console.localStack()::startOrOpen);
        if (Launcher.smokeTest(getParameters().getRaw())) {
            // Once the first frame is up: report the time since the process started, and leave.
            javafx.application.Platform.runLater(() -> {
                long millis = java.time.Duration.between(ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now()),
                        java.time.Instant.now()).toMillis();
                System.out.println("promdeck: main window shown in " + millis + " ms, title " + stage.getTitle());
                javafx.application.Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}
