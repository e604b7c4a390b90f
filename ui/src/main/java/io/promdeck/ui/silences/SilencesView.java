package io.promdeck.ui.silences;

import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tables;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The silences panel: list, create, edit, expire. */
public final class SilencesView {

    private final VBox root = new VBox(8);

    public SilencesView(SilencesViewModel model, Supplier<Window> owner, Supplier<DialogService> dialogs) {
        Label title = new Label("Silences");
        title.getStyleClass().add("panel-title");
        TableView<SilenceRow> table = new TableView<>(model.rows());
        table.setId("silences-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.setId("silences-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.placeholderProperty());
        table.setPlaceholder(placeholder);
        Label coverage = new Label();
        coverage.setId("silences-coverage");
        coverage.setWrapText(true);
        coverage.getStyleClass().add("coverage-warning");
        coverage.textProperty().bind(model.coverageProperty());
        coverage.visibleProperty().bind(model.coverageProperty().isNotEmpty());
        coverage.managedProperty().bind(coverage.visibleProperty());
        table.getColumns().add(Tables.text("State", SilenceRow::state));
        table.getColumns().add(Tables.text("Matchers", SilenceRow::matchers));
        table.getColumns().add(Tables.text("Created by", SilenceRow::createdBy));
        table.getColumns().add(Tables.text("Ends", SilenceRow::ends));
        table.getColumns().add(Tables.text("Comment", SilenceRow::comment));

        Tables.standard(table, model.rows(), null);
        Tables.keepSelection(table, r -> r.silence().id());
        Button create = new Button("New silence…", new FontIcon(Feather.BELL_OFF));
        create.setId("silence-new");
        create.setOnAction(e -> new SilenceDialog(owner.get(), model.form(null, null)).show());
        Button edit = new Button("Edit…");
        edit.setId("silence-edit");
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> new SilenceDialog(owner.get(), model.form(null, table.getSelectionModel().getSelectedItem().silence().toDraft())).show());
        Button expire = new Button("Expire…");
        expire.setId("silence-expire");
        expire.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        expire.setOnAction(e -> {
            SilenceRow row = table.getSelectionModel().getSelectedItem();
            if (dialogs.get().confirm("Expire silence", "Expire the silence " + row.matchers() + " on every peer now?")) {
                model.expire(row);
            }
        });
        Label result = new Label();
        result.setId("silences-result");
        result.textProperty().bind(model.resultProperty());
        HBox header = new HBox(12, title, create, edit, expire, result);
        header.getStyleClass().add("panel-header");
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, coverage, io.promdeck.ui.common.UnreadableItems.link("silences-unreadable", "silence",
                model.unreadable(), owner), table);
        root.setPadding(new Insets(12));
    }

    public Node root() {
        return root;
    }
}
