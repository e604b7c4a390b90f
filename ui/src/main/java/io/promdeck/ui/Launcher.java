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
}
