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

    /** A column with one button per row; {@code id} names each button after the row (for shortcuts and tests). */
    public static <R> TableColumn<R, R> button(String title, Function<R, String> id, java.util.function.Consumer<R> action,
            javafx.beans.value.ObservableBooleanValue disabled) {
        TableColumn<R, R> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.control.Button button = new javafx.scene.control.Button(title);

            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    button.setId(id.apply(row));
                    button.disableProperty().bind(disabled);
                    button.setOnAction(e -> action.accept(row));
                    setGraphic(button);
                }
            }
        });
        return column;
    }

    /** Keeps the operator's selection on the same item (by key) when a refresh replaces the table's rows. */
    public static <R, K> void keepSelection(javafx.scene.control.TableView<R> table, Function<R, K> key) {
        java.util.concurrent.atomic.AtomicReference<K> selected = new java.util.concurrent.atomic.AtomicReference<>();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                selected.set(key.apply(row));
            }
        });
        table.getItems().addListener((javafx.collections.ListChangeListener<R>) change -> {
            if (selected.get() != null && table.getSelectionModel().getSelectedItem() == null) {
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (key.apply(table.getItems().get(i)).equals(selected.get())) {
                        table.getSelectionModel().select(i);
                        return;
                    }
                }
            }
        });
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
