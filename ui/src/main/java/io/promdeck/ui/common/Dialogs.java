package io.promdeck.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Every dialog looks like the window it belongs to: owned by it, with its stylesheets (theme colours, dense tables). */
public final class Dialogs {

    private Dialogs() {
    }

    public static void own(Dialog<?> dialog, Window owner) {
        dialog.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
    }

    /** For a dialog built as its own stage. */
    public static void style(Scene scene, Window owner) {
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
    }
}
