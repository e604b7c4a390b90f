package io.promdeck.ui;

import atlantafx.base.theme.PrimerLight;
import io.promdeck.ui.common.Background;
import io.promdeck.ui.shell.MainWindow;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** Composition root: builds the shared executor and the main window, and shuts both down on exit. */
public final class PromdeckApp extends Application {

    public static final String TITLE = "Promdeck";

    private Background background;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        background = Background.create();
        MainWindow window = new MainWindow(background);
        Scene scene = new Scene(window.root(), 1200, 760);
        scene.getStylesheets().add(PromdeckApp.class.getResource("promdeck.css").toExternalForm());
        stage.setTitle(TITLE);
        var icon = PromdeckApp.class.getResourceAsStream("icon-64.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdown();
        }
    }
}
