package io.promdeck.ui.common;

import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;

/** Small builders for labels and list cells the panels repeat. */
public final class Labels {

    private Labels() {
    }

    /** A wrapping label bound to {@code text}, styled as an error (with {@code error}) or plain. */
    public static Label bound(String id, ObservableStringValue text, boolean error) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        if (error) {
            label.getStyleClass().add("field-error");
            // An error takes room only while there is one.
            label.managedProperty().bind(label.textProperty().isNotEmpty());
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
        }
        return label;
    }

    /** A wrapping label bound to {@code text}, green while {@code ok} is true and red once it turns false after a run. */
    public static Label verdict(String id, ObservableStringValue text, ObservableBooleanValue ok) {
        Label label = bound(id, text, false);
        ok.addListener((obs, old, now) -> {
            label.getStyleClass().removeAll("ok", "field-error");
            label.getStyleClass().add(now ? "ok" : "field-error");
        });
        return label;
    }

    /** A list cell showing {@code text} of its item. */
    public static <T> ListCell<T> cell(Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    /**
     * A filter or search field bound both ways to {@code text}, growing to fill its row, with a prompt and a name for
     * screen readers.
     */
    public static javafx.scene.control.TextField filterField(String id, String prompt, String accessibleName,
            javafx.beans.property.StringProperty text) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setAccessibleText(accessibleName);
        field.textProperty().bindBidirectional(text);
        javafx.scene.layout.HBox.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
        return field;
    }
}
