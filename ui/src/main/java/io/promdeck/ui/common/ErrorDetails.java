package io.promdeck.ui.common;

import io.promdeck.app.http.CallFailure;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

/**
 * A failed call read in full: the whole error text (never cut), the request, the route, how long it waited and when;
 * with a button that copies all of it.
 */
public final class ErrorDetails {

    private ErrorDetails() {
    }

    public static void show(Window owner, String title, CallFailure failure) {
        show(owner, title, failure.summary(), failure.details());
    }

    public static void show(Window owner, String title, String summary, String details) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        Dialogs.own(alert, owner);
        alert.setTitle(title);
        alert.setHeaderText(summary);
        TextArea text = new TextArea(details);
        text.setId("error-details-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefColumnCount(80);
        text.setPrefRowCount(16);
        alert.getDialogPane().setContent(text);
        if (owner != null && owner.getScene() != null) {
            alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ButtonType copy = new ButtonType("Copy", ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.CLOSE);
        alert.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(details);
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        });
        alert.show();
    }
}
