package io.promdeck.ui;

import javafx.application.Application;

/**
 * Opens the window. Kept apart from {@link Launcher} (a class that extends {@link Application} cannot be the main
 * class of a classpath launch, and the headless commands must not load JavaFX).
 */
final class Gui {

    private Gui() {
    }

    static void launch(String[] args) {
        Application.launch(PromdeckApp.class, args);
    }
}
