package io.promdeck.ui.sandbox;

import io.promdeck.app.sandbox.Topology;
import io.promdeck.ui.common.ElapsedProgress;
import io.promdeck.ui.common.Labels;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The local stack on the connect screen: the offer to start one (with the topology choice and what each is), its
 * progress process by process, the sentence and install command when a program is missing; or, when one runs, open
 * and stop. One pane per place it is shown, all bound to the same model.
 */
public final class LocalStackPane {

    private final VBox root = new VBox(8);

    /** @param prefix the ids' prefix, so two panes on one screen are told apart ("sandbox", "first-sandbox") */
    public LocalStackPane(LocalStackModel model, String prefix) {
        Label heading = new Label("Local HA stack on this workstation");
        heading.getStyleClass().add("section-title");
        Label offer = new Label("No cluster at hand? Run real Prometheus and Alertmanager processes here (127.0.0.1 only), watch them in the "
                + "console, and try failures on them safely.");
        offer.setWrapText(true);

        ComboBox<Topology> topology = new ComboBox<>(FXCollections.observableArrayList(Topology.values()));
        topology.setId(prefix + "-topology");
        topology.setAccessibleText("Topology of the local stack");
        topology.setCellFactory(l -> Labels.cell(Topology::title));
        topology.setButtonCell(Labels.cell(Topology::title));
        topology.valueProperty().bindBidirectional(model.topologyProperty());
        Button start = new Button();
        start.setId(prefix + "-start");
        start.getStyleClass().add("accent");
        start.textProperty().bind(Bindings.createStringBinding(() -> model.topologyProperty().get() == Topology.HA ? "Start a local HA stack"
                : "Start the local stack", model.topologyProperty()));
        start.disableProperty().bind(model.busyProperty());
        start.setOnAction(e -> model.start());
        Label description = new Label();
        description.setId(prefix + "-description");
        description.setWrapText(true);
        description.getStyleClass().add("missing-verbs");
        description.textProperty().bind(Bindings.createStringBinding(() -> model.topologyProperty().get() == null ? ""
                : model.topologyProperty().get().description() + ".", model.topologyProperty()));
        HBox startRow = new HBox(8, start, new Label("Topology"), topology);
        startRow.setAlignment(Pos.CENTER_LEFT);
        VBox offerBox = new VBox(8, offer, startRow, description);

        Label runningText = new Label();
        runningText.setId(prefix + "-running");
        runningText.setWrapText(true);
        Button open = new Button("Open it");
        open.setId(prefix + "-open");
        open.setOnAction(e -> model.open());
        Button stop = new Button("Stop it");
        stop.setId(prefix + "-stop");
        stop.setOnAction(e -> model.stop());
        open.disableProperty().bind(model.busyProperty());
        stop.disableProperty().bind(model.busyProperty());
        HBox runningRow = new HBox(8, runningText, open, stop);
        runningRow.setAlignment(Pos.CENTER_LEFT);
        runningText.textProperty().bind(model.summaryProperty());

        offerBox.visibleProperty().bind(model.runningProperty().isNull());
        offerBox.managedProperty().bind(offerBox.visibleProperty());
        runningRow.visibleProperty().bind(model.runningProperty().isNotNull());
        runningRow.managedProperty().bind(runningRow.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId(prefix + "-progress-bar");
        bar.progressProperty().bind(model.fractionProperty());
        bar.setPrefWidth(180);
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label progress = new Label();
        progress.setId(prefix + "-progress");
        Button cancel = new Button("Cancel");
        cancel.setId(prefix + "-cancel");
        cancel.visibleProperty().bind(model.busyProperty().and(model.startStartedProperty().isNotNull()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        // The step under way and how long the start has taken, every second while it runs.
        ElapsedProgress.bind(progress, model.progressProperty(), model.startStartedProperty(), model.busyProperty(), model.clock());
        HBox progressRow = new HBox(8, bar, progress, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId(prefix + "-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        TextField install = new TextField();
        install.setId(prefix + "-install");
        install.setEditable(false);
        install.textProperty().bind(model.installCommandProperty());
        HBox.setHgrow(install, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId(prefix + "-install-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(install.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox installRow = new HBox(8, install, copy);
        installRow.visibleProperty().bind(model.installCommandProperty().isNotEmpty());
        installRow.managedProperty().bind(installRow.visibleProperty());
        Label note = new Label();
        note.setWrapText(true);
        note.getStyleClass().add("missing-verbs");
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        root.getChildren().addAll(heading, offerBox, runningRow, progressRow, error, installRow, note);
        root.setId(prefix + "-pane");
    }

    public Node root() {
        return root;
    }
}
