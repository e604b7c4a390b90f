package io.promdeck.ui.silences;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The create / edit silence window over a {@link SilenceFormModel}. */
public final class SilenceDialog {

    private final Stage stage = new Stage();

    public SilenceDialog(Window owner, SilenceFormModel model) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(model.editing() ? "Edit silence" : "New silence");

        TextField matchers = new TextField();
        matchers.setId("silence-matchers");
        matchers.setPromptText("{alertname=\"DiskFull\", instance=~\"db-.*\"}");
        matchers.textProperty().bindBidirectional(model.matchersProperty());
        Label matchersError = errorLabel("silence-matchers-error");
        matchersError.textProperty().bind(model.matchersErrorProperty());
        model.matchersErrorProperty().addListener((obs, old, now) -> markInvalid(matchers, !now.isEmpty()));
        markInvalid(matchers, !model.matchersErrorProperty().get().isEmpty());

        ComboBox<String> duration = new ComboBox<>();
        duration.setId("silence-duration");
        duration.getItems().addAll(SilenceFormModel.PRESETS);
        duration.setEditable(true);
        duration.valueProperty().bindBidirectional(model.durationProperty());
        TextField end = new TextField();
        end.setId("silence-end");
        end.setPromptText("or an end time: yyyy-MM-dd HH:mm");
        end.setPrefColumnCount(18);
        end.textProperty().bindBidirectional(model.endTimeProperty());
        Label endError = errorLabel("silence-end-error");
        endError.textProperty().bind(model.endErrorProperty());

        TextField creator = new TextField();
        creator.setId("silence-creator");
        creator.textProperty().bindBidirectional(model.creatorProperty());
        TextArea comment = new TextArea();
        comment.setId("silence-comment");
        comment.setPrefRowCount(3);
        comment.setPromptText("Why are these alerts silenced? (required)");
        comment.textProperty().bindBidirectional(model.commentProperty());

        Label preview = new Label();
        preview.setId("silence-preview");
        preview.textProperty().bind(model.previewProperty());
        ListView<String> previewList = new ListView<>(model.previewAlerts());
        previewList.setPrefHeight(120);
        Label problems = errorLabel("silence-problems");
        problems.textProperty().bind(model.problemsProperty());

        GridPane form = new GridPane();
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(90);
        form.getColumnConstraints().add(labels);
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, new Label("Matchers"), matchers);
        form.add(matchersError, 1, 1);
        form.addRow(2, new Label("Duration"), new HBox(8, duration, end));
        form.add(endError, 1, 3);
        form.addRow(4, new Label("Created by"), creator);
        form.addRow(5, new Label("Comment"), comment);
        form.addRow(6, new Label("Preview"), preview);
        form.add(previewList, 1, 7);
        matchers.setPrefColumnCount(40);

        Button save = new Button(model.editing() ? "Update" : "Create");
        save.setId("silence-create");
        save.setDefaultButton(true);
        save.disableProperty().bind(model.validProperty().not().or(model.busyProperty()));
        save.setOnAction(e -> model.save());
        Button close = new Button("Close");
        close.setId("silence-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Label result = new Label();
        result.setId("silence-result");
        result.textProperty().bind(model.resultProperty());
        HBox buttons = new HBox(10, save, close, result);

        VBox root = new VBox(10, form, problems, buttons);
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        return label;
    }

    private static void markInvalid(TextField field, boolean invalid) {
        field.getStyleClass().remove("invalid");
        if (invalid) {
            field.getStyleClass().add("invalid");
        }
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }
}
