package io.promdeck.ui.shell;

import io.promdeck.ui.common.Background;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The main window's layout: top bar, navigation, the selected panel and a status bar. */
public final class MainWindow {

    private final BorderPane root = new BorderPane();

    public MainWindow(Background background) {
        Label title = new Label("Promdeck");
        title.getStyleClass().add("app-title");
        HBox top = new HBox(12, title);
        top.getStyleClass().add("top-bar");
        top.setPadding(new Insets(8, 12, 8, 12));
        root.setTop(top);

        Label placeholder = new Label("Pick a kubeconfig context to begin.");
        placeholder.getStyleClass().add("placeholder");
        VBox center = new VBox(placeholder);
        center.setPadding(new Insets(24));
        root.setCenter(center);

        Label status = new Label("Not connected");
        status.setId("status-bar");
        HBox bottom = new HBox(status);
        bottom.getStyleClass().add("status-bar");
        bottom.setPadding(new Insets(4, 12, 4, 12));
        root.setBottom(bottom);
    }

    public Parent root() {
        return root;
    }
}
