package io.promdeck.ui.overview;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** The overview panel. */
public final class OverviewView {

    private final VBox root = new VBox(8);

    public OverviewView(OverviewViewModel model) {
        Label title = new Label("Overview");
        title.getStyleClass().add("panel-title");
        ListView<String> components = new ListView<>(model.components());
        components.setId("overview-components");
        components.setPrefHeight(140);
        Label problemsTitle = new Label("HA problems");
        problemsTitle.getStyleClass().add("section-title");
        ListView<String> problems = new ListView<>(model.problems());
        problems.setId("overview-problems");
        problems.setPlaceholder(new Label("No HA problem found."));
        root.getChildren().addAll(title, components, problemsTitle, problems);
        root.setPadding(new Insets(12));
    }

    public Node root() {
        return root;
    }
}
