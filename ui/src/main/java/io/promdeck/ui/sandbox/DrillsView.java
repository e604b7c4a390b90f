package io.promdeck.ui.sandbox;

import io.promdeck.app.sandbox.Drill;
import io.promdeck.ui.common.Labels;
import io.promdeck.ui.common.Tables;
import io.promdeck.ui.sandbox.DrillsViewModel.LogRow;
import io.promdeck.ui.sandbox.DrillsViewModel.ProcessRow;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Drills panel of a local stack: pick a drill, read what it should show, run it; undo the ones in effect; the log
 * of what was done and each process' state.
 */
public final class DrillsView {

    private final VBox root;

    public DrillsView(DrillsViewModel model) {
        Label title = new Label("Fault drills");
        title.getStyleClass().add("panel-title");
        Label intro = new Label("Put a fault into the local stack on purpose and watch the Overview, the panels and the Notifications: "
                + "each drill says what an operator should see. Every drill but a restart can be undone.");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        ListView<Drill> drills = new ListView<>(model.available());
        drills.setId("drills");
        drills.setCellFactory(l -> Labels.cell(Drill::title));
        drills.setPrefWidth(320);
        drills.setMinWidth(280);
        drills.getSelectionModel().selectedItemProperty().addListener((obs, old, d) -> model.selectedProperty().set(d));
        Label expectation = new Label();
        expectation.setId("drill-expectation");
        expectation.setWrapText(true);
        expectation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        expectation.textProperty().bind(model.expectationProperty());
        Button run = new Button("Run drill");
        run.setId("drill-run");
        run.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()));
        run.setOnAction(e -> model.run());
        Label outcome = new Label();
        outcome.setId("drill-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        Label error = new Label();
        error.setId("drill-error");
        error.setWrapText(true);
        error.getStyleClass().add("field-error");
        error.textProperty().bind(model.errorProperty());

        Label effectTitle = new Label("In effect");
        effectTitle.getStyleClass().add("section-title");
        TableView<Drill> inEffect = new TableView<>(model.inEffect());
        inEffect.setId("drills-in-effect");
        inEffect.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        inEffect.setPrefHeight(130);
        inEffect.setPlaceholder(new Label("No drill in effect: the stack runs as started."));
        inEffect.getColumns().add(Tables.button("Undo", d -> "undo-" + d.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (d.target().isEmpty() ? "" : "-" + d.target()), model::undo, model.busyProperty()));
        inEffect.getColumns().add(Tables.text("Drill", Drill::title));

        VBox detail = new VBox(8, expectation, run, outcome, error, effectTitle, inEffect);
        // Takes the width the list leaves, so its labels wrap there instead of asking for one line's width.
        detail.setPrefWidth(0);
        HBox.setHgrow(detail, Priority.ALWAYS);
        HBox top = new HBox(12, drills, detail);
        top.setPrefHeight(340);
        top.setMinHeight(300);

        TableView<ProcessRow> processes = new TableView<>(model.processes());
        processes.setId("drill-processes");
        processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        processes.getColumns().add(Tables.text("Process", ProcessRow::name));
        processes.getColumns().add(Tables.text("State", ProcessRow::state));
        processes.getColumns().add(Tables.text("Pid", ProcessRow::pid));
        processes.getColumns().add(Tables.text("URL", ProcessRow::url));
        Tables.rows(processes, r -> r.state().equals("running") ? List.of() : List.of("severity-critical"), null);
        TableView<LogRow> log = new TableView<>(model.log());
        log.setId("drill-log");
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        log.setPlaceholder(new Label("No drill run yet."));
        log.getColumns().add(Tables.text("Time", LogRow::time));
        log.getColumns().add(Tables.text("Action", LogRow::action));
        log.getColumns().add(Tables.text("Drill", LogRow::drill));
        log.getColumns().add(Tables.text("Outcome", LogRow::outcome));
        VBox processBox = new VBox(6, section("Processes"), processes);
        VBox logBox = new VBox(6, section("Log"), log);
        processBox.setPrefWidth(0);
        logBox.setPrefWidth(0);
        HBox.setHgrow(processBox, Priority.ALWAYS);
        HBox.setHgrow(logBox, Priority.ALWAYS);
        HBox bottom = new HBox(12, processBox, logBox);
        VBox.setVgrow(bottom, Priority.ALWAYS);

        root = new VBox(10, title, intro, top, bottom);
        root.setPadding(new Insets(12));
        // Processes change outside the console too (a crash, a kill from a terminal): look every 3 s while shown.
        Timeline poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(3), e -> model.refresh()));
        poll.setCycleCount(Animation.INDEFINITE);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                model.refresh();
                poll.play();
            } else {
                poll.stop();
            }
        });
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    public Node root() {
        return root;
    }
}
