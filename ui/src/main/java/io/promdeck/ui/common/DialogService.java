package io.promdeck.ui.common;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * The one place dialogs come from: a short sentence up front, details (the server's text, the steps tried) behind
 * the expander, never a stack trace as the message.
 */
public final class DialogService {

    private final Window owner;

    public DialogService(Window owner) {
        this.owner = owner;
    }

    public void error(String title, String sentence, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.CLOSE);
        Dialogs.own(alert, owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (details != null && !details.isBlank()) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(true);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.show();
    }

    /** A yes/no question; true when confirmed. */
    public boolean confirm(String title, String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
        Dialogs.own(alert, owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ButtonType.OK;
    }

    /** A sentence for any failure: its message, without exception class names. */
    public static String sentence(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "Something went wrong (" + root.getClass().getSimpleName() + ")." : message;
    }
}
