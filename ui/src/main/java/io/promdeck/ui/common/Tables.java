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

    /**
     * Rows that carry style classes computed from their item (severity, muted old values) and act on a double-click
     * (open the details of a failure).
     */
    public static <R> void rows(javafx.scene.control.TableView<R> table, Function<R, java.util.Collection<String>> styleClasses,
            java.util.function.Consumer<R> doubleClick) {
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            private java.util.Collection<String> added = java.util.List.of();

            {
                setOnMouseClicked(e -> {
                    if (e.getClickCount() == 2 && getItem() != null && doubleClick != null) {
                        doubleClick.accept(getItem());
                    }
                });
            }

            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(added);
                added = empty || row == null ? java.util.List.of() : styleClasses.apply(row);
                getStyleClass().addAll(added);
            }
        });
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

    /** A text column; a cell whose text is cut shows all of it in a tooltip. */
    public static <R> TableColumn<R, String> text(String title, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TextCell<>(null, null));
        return column;
    }

    /**
     * A cell that shows its text, a tooltip with the whole text when the cell is too narrow for it (or the text has
     * several lines), and a style class on flagged rows.
     */
    static final class TextCell<R> extends TableCell<R, String> {
        private final Predicate<R> flagged;
        private final String styleClass;

        TextCell(Predicate<R> flagged, String styleClass) {
            this.flagged = flagged;
            this.styleClass = styleClass;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (styleClass != null) {
                getStyleClass().remove(styleClass);
            }
            setText(empty ? null : item);
            setTooltip(empty || item == null || item.length() < 24 && item.indexOf('\n') < 0 ? null : tooltip(item));
            R row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row != null && flagged != null && flagged.test(row)) {
                getStyleClass().add(styleClass);
            }
        }
    }

    /** A tooltip that wraps long text and stays up long enough to read it. */
    public static javafx.scene.control.Tooltip tooltip(String text) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(720);
        tip.setShowDuration(javafx.util.Duration.minutes(2));
        return tip;
    }

    /** A text column whose cell gets {@code styleClass} when {@code flagged} holds for the row. */
    public static <R> TableColumn<R, String> flagged(String title, Function<R, String> value, Predicate<R> flagged, String styleClass) {
        TableColumn<R, String> column = text(title, value);
        column.setCellFactory(c -> new TextCell<>(flagged, styleClass));
        return column;
    }
}
