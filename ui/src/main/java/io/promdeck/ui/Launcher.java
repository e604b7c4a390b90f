package io.promdeck.ui;

import javafx.application.Application;

/**
 * The console's entry point. A separate class, because a class that extends {@link Application} cannot be the main
 * class of a classpath launch ("JavaFX runtime components are missing").
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(PromdeckApp.class, args);
    }

    /** {@code --smoke-test}: print how long the main window took to show, then exit (image smoke test, start-up bench). */
    static boolean smokeTest(java.util.List<String> args) {
        return args.contains("--smoke-test");
    }
}
