package io.promdeck.ui.shell;

import javafx.stage.Window;

/** The keyboard shortcuts ({@link Shortcuts}) in a dialog that looks like the window (F1 or ?). */
final class ShortcutsDialog {

    private ShortcutsDialog() {
    }

    /** The shortcut list, in a dialog that looks like the window. */
    static void show(Window owner) {
        javafx.scene.control.TableView<Shortcuts.Shortcut> table = new javafx.scene.control.TableView<>(
                javafx.collections.FXCollections.observableArrayList(Shortcuts.all()));
        table.setId("shortcuts-table");
        table.getColumns().add(io.promdeck.ui.common.Tables.text("Keys", Shortcuts.Shortcut::keys));
        table.getColumns().add(io.promdeck.ui.common.Tables.text("Where", Shortcuts.Shortcut::where));
        table.getColumns().add(io.promdeck.ui.common.Tables.text("Does", Shortcuts.Shortcut::does));
        table.getColumns().get(0).setPrefWidth(170);
        table.getColumns().get(1).setPrefWidth(120);
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(760, 520);
        javafx.scene.control.Dialog<Void> dialog = new javafx.scene.control.Dialog<>();
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setContent(table);
        dialog.getDialogPane().getButtonTypes().add(javafx.scene.control.ButtonType.CLOSE);
        dialog.getDialogPane().setId("shortcuts");
        io.promdeck.ui.common.Dialogs.own(dialog, owner);
        dialog.show();
    }
}
