package io.promdeck.ui.logs;

import io.promdeck.app.logs.LogSource;
import java.io.File;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Logs panel: pick a pod and container, show or follow its log, search it, save it, copy the kubectl command. */
public final class LogsView {

    private final VBox root = new VBox(8);

    public LogsView(LogsViewModel model, Supplier<Window> owner) {
        Label title = new Label("Logs");
        title.getStyleClass().add("panel-title");
        ComboBox<LogSource.Target> pod = new ComboBox<>(model.targets());
        pod.setId("logs-pod");
        pod.setAccessibleText("Pod");
        pod.setPromptText("pod");
        pod.valueProperty().bindBidirectional(model.podProperty());
        pod.setCellFactory(l -> targetCell());
        pod.setButtonCell(targetCell());
        ComboBox<String> container = new ComboBox<>(model.containers());
        container.setId("logs-container");
        container.setAccessibleText("Container");
        container.setPromptText("container");
        container.valueProperty().bindBidirectional(model.containerProperty());
        CheckBox previous = new CheckBox("_Previous container");
        previous.setId("logs-previous");
        previous.setTooltip(new Tooltip("The log of the container before its last restart (kubectl logs --previous)"));
        previous.selectedProperty().bindBidirectional(model.previousProperty());
        Label tailLabel = new Label("_Lines");
        tailLabel.setMnemonicParsing(true);
        TextField tail = new TextField();
        tail.setId("logs-tail");
        tail.setPrefColumnCount(6);
        tail.textProperty().bindBidirectional(model.tailProperty());
        tailLabel.setLabelFor(tail);
        Button show = new Button("_Show", new FontIcon(Feather.FILE_TEXT));
        show.setId("logs-show");
        show.setTooltip(new Tooltip("Read the last lines once"));
        show.disableProperty().bind(model.busyProperty());
        show.setOnAction(e -> model.show());
        Button follow = new Button("_Follow", new FontIcon(Feather.PLAY));
        follow.setId("logs-follow");
        follow.setTooltip(new Tooltip("Show new lines as they are written, until Stop"));
        follow.textProperty().bind(Bindings.when(model.followingProperty()).then("Stop").otherwise("Follow"));
        follow.setOnAction(e -> {
            if (model.followingProperty().get()) {
                model.stopFollowing();
            } else {
                model.follow();
            }
        });
        Button download = new Button("_Download…", new FontIcon(Feather.DOWNLOAD));
        download.setId("logs-download");
        download.setTooltip(new Tooltip("Save the lines shown to a file readable by you only"));
        download.disableProperty().bind(Bindings.isEmpty(model.lines()));
        download.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName((model.podProperty().get() == null ? "log" : model.podProperty().get().pod()) + ".log");
            File file = chooser.showSaveDialog(owner.get());
            if (file != null) {
                model.download(file.toPath());
            }
        });
        Button copy = new Button("Copy as _kubectl", new FontIcon(Feather.COPY));
        copy.setId("logs-copy-command");
        copy.setTooltip(new Tooltip("Copy the command that shows the same log in a terminal"));
        copy.disableProperty().bind(model.commandProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.commandProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox controls = new HBox(8, title, pod, container, previous);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("panel-header");
        pod.setPrefWidth(280);
        container.setPrefWidth(200);
        HBox actions = new HBox(8, tailLabel, tail, show, follow, download, copy);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label tailError = new Label();
        tailError.setId("logs-tail-error");
        tailError.getStyleClass().add("field-error");
        tailError.textProperty().bind(model.tailErrorProperty());
        tailError.managedProperty().bind(tailError.textProperty().isNotEmpty());

        ListView<String> lines = new ListView<>(model.lines());
        lines.setId("logs-lines");
        lines.getStyleClass().add("monospace");
        lines.setAccessibleText("Log lines");
        VBox.setVgrow(lines, Priority.ALWAYS);
        // Following keeps the newest line in view unless the operator scrolled up to read.
        model.lines().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (model.followingProperty().get() && lines.getSelectionModel().isEmpty()) {
                lines.scrollTo(model.lines().size() - 1);
            }
        });

        TextField search = io.promdeck.ui.common.Labels.filterField("logs-search",
                "Search the lines shown (Enter: next, Shift+Enter: previous)", "Search the log", model.searchProperty());
        Label matches = new Label();
        matches.setId("logs-matches");
        matches.textProperty().bind(Bindings.when(model.searchProperty().isEmpty()).then("")
                .otherwise(model.matchesProperty().asString().concat(" matching lines")));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                int at = model.nextMatch(lines.getSelectionModel().getSelectedIndex(), !e.isShiftDown());
                if (at >= 0) {
                    lines.getSelectionModel().clearAndSelect(at);
                    lines.scrollTo(Math.max(0, at - 3));
                }
                e.consume();
            }
        });
        HBox searchRow = new HBox(8, search, matches);
        searchRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("logs-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label command = new Label();
        command.setId("logs-command");
        command.getStyleClass().add("monospace");
        command.textProperty().bind(model.commandProperty());
        root.getChildren().addAll(controls, actions, tailError, status, command, searchRow, lines);
        root.setPadding(new Insets(12));
    }

    private static ListCell<LogSource.Target> targetCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(LogSource.Target target, boolean empty) {
                super.updateItem(target, empty);
                setText(empty || target == null ? null : target.pod() + (target.restarts() > 0 ? " (" + target.restarts() + " restarts)" : ""));
            }
        };
    }

    public VBox root() {
        return root;
    }
}
