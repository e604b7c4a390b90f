package io.promdeck.ui.silences;

import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tables;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.control.CheckBox;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.beans.binding.Bindings;
import javafx.stage.FileChooser;
import java.util.List;
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
        TableColumn<SilenceRow, String> matching = Tables.text("Matches now", SilenceRow::matching);
        matching.setComparator(java.util.Comparator.comparingLong(SilencesView::count));
        table.getColumns().add(matching);
        table.getColumns().add(Tables.text("Created by", SilenceRow::createdBy));
        table.getColumns().add(Tables.text("Ends", SilenceRow::ends));
        TableColumn<SilenceRow, String> auto = Tables.text("When clear", r -> model.expireWhenClear().contains(r.silence().id()) ? "expires" : "");
        table.getColumns().add(auto);
        table.getColumns().add(Tables.text("Comment", SilenceRow::comment));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);

        TextField filter = io.promdeck.ui.common.Labels.filterField("silences-filter", "Filter: text in matchers, comment, author or state",
                "Silence filter", model.filterProperty());

        Button create = new Button("_New silence…", new FontIcon(Feather.BELL_OFF));
        create.setId("silence-new");
        create.setOnAction(e -> new SilenceDialog(owner.get(), model.form(null, null)).show());
        Button edit = new Button("_Edit…", new FontIcon(Feather.EDIT_2));
        edit.setId("silence-edit");
        edit.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        edit.setOnAction(e -> new SilenceDialog(owner.get(), model.form(null, table.getSelectionModel().getSelectedItem().silence().toDraft())).show());
        Button expire = new Button("E_xpire…", new FontIcon(Feather.X_CIRCLE));
        expire.setId("silence-expire");
        expire.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        expire.setOnAction(e -> {
            List<SilenceRow> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
            String what = rows.size() == 1 ? "the silence " + rows.get(0).matchers() : rows.size() + " silences";
            if (dialogs.get().confirm("Expire silences", "Expire " + what + " on every peer now?")) {
                model.expireAll(rows, "");
            }
        });
        CheckBox whenClear = new CheckBox("Expire when no alert matches");
        whenClear.setId("silence-when-clear");
        whenClear.setMnemonicParsing(false);
        whenClear.setTooltip(Tables.tooltip("Expire the selected silences by themselves once no alert matches them (checked on every "
                + "refresh with every peer's alerts fresh) — for silences of a maintenance that ends when the alerts do"));
        whenClear.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                whenClear.setSelected(row != null && model.expireWhenClear().contains(row.silence().id())));
        whenClear.setOnAction(e -> {
            for (SilenceRow row : table.getSelectionModel().getSelectedItems()) {
                if (whenClear.isSelected()) {
                    model.expireWhenClear().add(row.silence().id());
                } else {
                    model.expireWhenClear().remove(row.silence().id());
                }
            }
            table.refresh();
        });
        Button export = new Button("Export…", new FontIcon(Feather.DOWNLOAD));
        export.setId("silence-export");
        export.setTooltip(Tables.tooltip("The selected silences (all shown, when none is selected) as amtool's JSON"));
        export.setOnAction(e -> {
            List<SilenceRow> rows = table.getSelectionModel().getSelectedItems().isEmpty() ? List.copyOf(table.getItems())
                    : List.copyOf(table.getSelectionModel().getSelectedItems());
            FileChooser chooser = jsonChooser("Export silences");
            chooser.setInitialFileName("silences.json");
            java.io.File file = chooser.showSaveDialog(owner.get());
            if (file != null) {
                model.exportTo(file.toPath(), rows);
            }
        });
        Button importButton = new Button("Import…", new FontIcon(Feather.UPLOAD));
        importButton.setId("silence-import");
        importButton.setTooltip(Tables.tooltip("Create the silences of an amtool JSON file (amtool silence query -o json), each on every peer"));
        importButton.setOnAction(e -> {
            java.io.File file = jsonChooser("Import silences").showOpenDialog(owner.get());
            if (file != null) {
                model.importFrom(file.toPath());
            }
        });
        MenuItem editItem = new MenuItem("Edit…");
        editItem.setOnAction(e -> edit.fire());
        editItem.disableProperty().bind(edit.disableProperty());
        MenuItem expireItem = new MenuItem("Expire…");
        expireItem.setOnAction(e -> expire.fire());
        expireItem.disableProperty().bind(expire.disableProperty());
        List<MenuItem> copyAs = new java.util.ArrayList<>();
        for (boolean expiring : new boolean[] {false, true}) {
            MenuItem amtool = new MenuItem(expiring ? "Copy as amtool: expire" : "Copy as amtool: create again");
            amtool.setId(expiring ? "silence-copy-amtool-expire" : "silence-copy-amtool-add");
            amtool.setOnAction(e -> {
                SilenceRow row = table.getSelectionModel().getSelectedItem();
                javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                content.putString(row == null ? "" : model.amtool(row.silence(), expiring).orElse(""));
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            });
            amtool.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
            copyAs.add(amtool);
        }
        Tables.standard(table, model.shown(), null, editItem, expireItem, copyAs.get(0), copyAs.get(1));
        Tables.dense(table);
        Tables.rows(table, r -> List.of(), r -> edit.fire());
        Tables.keepSelection(table, r -> r.silence().id());
        Label result = new Label();
        result.setId("silences-result");
        result.textProperty().bind(model.resultProperty());
        result.setWrapText(true);
        HBox header = new HBox(12, title, create, edit, expire, whenClear, export, importButton);
        header.getStyleClass().add("panel-header");
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, filter, result, coverage, io.promdeck.ui.common.UnreadableItems.link("silences-unreadable", "silence",
                model.unreadable(), owner), table);
        root.setPadding(new Insets(12));
    }

    private static long count(String matching) {
        return matching.matches("[0-9]+") ? Long.parseLong(matching) : -1;
    }

    private static FileChooser jsonChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("amtool JSON", "*.json"));
        return chooser;
    }

    public Node root() {
        return root;
    }
}
