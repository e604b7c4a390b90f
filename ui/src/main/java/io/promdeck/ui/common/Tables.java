package io.promdeck.ui.common;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Column factories for tables of immutable rows. */
public final class Tables {

    private Tables() {
    }

    public static <R> TableColumn<R, String> text(String title, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    /** A text column whose cell gets {@code styleClass} when {@code flagged} holds for the row. */
    public static <R> TableColumn<R, String> flagged(String title, Function<R, String> value, Predicate<R> flagged, String styleClass) {
        TableColumn<R, String> column = text(title, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(styleClass);
                setText(empty ? null : item);
                R row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && flagged.test(row)) {
                    getStyleClass().add(styleClass);
                }
            }
        });
        return column;
    }
}
