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
        console = new Console(Console.Environment.ofProcess());
        console.show(stage);
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}
