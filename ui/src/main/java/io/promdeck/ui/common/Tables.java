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

    /**
     * The console's table conventions in one call: rows sorted by the headers the operator clicked (then by
     * {@code fallback}), kept sorted when a refresh replaces them; columns never narrower than their header; a
     * right-click menu with "Copy" (the selected rows, tab-separated, with the headers) and the row's own actions.
     *
     * @return the sorted view the table shows (selection indexes refer to it)
     */
    public static <R> javafx.collections.transformation.SortedList<R> standard(javafx.scene.control.TableView<R> table,
            javafx.collections.ObservableList<R> rows, java.util.Comparator<R> fallback, javafx.scene.control.MenuItem... actions) {
        javafx.collections.transformation.SortedList<R> sorted = new javafx.collections.transformation.SortedList<>(rows);
        sorted.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() -> {
            java.util.Comparator<R> clicked = table.getComparator();
            if (clicked == null) {
                return fallback;
            }
            return fallback == null ? clicked : clicked.thenComparing(fallback);
        }, table.comparatorProperty()));
        table.setItems(sorted);
        // The SortedList sorts; the table only records which headers were clicked.
        table.setSortPolicy(t -> true);
        fitHeaders(table);
        contextMenu(table, actions);
        return sorted;
    }

    /** AtlantaFX's dense, striped rows: for the long lists (events, audit, alerts, silences, permissions). */
    public static void dense(javafx.scene.control.TableView<?> table) {
        table.getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);
    }

    /** Each column at least as wide as its header and sort arrow, so no header is cut to "Se…". */
    public static void fitHeaders(javafx.scene.control.TableView<?> table) {
        for (TableColumn<?, ?> column : table.getColumns()) {
            double header = new javafx.scene.text.Text(column.getText()).getLayoutBounds().getWidth();
            column.setMinWidth(Math.max(column.getMinWidth(), Math.ceil(header) + 30));
            if (column.getPrefWidth() < column.getMinWidth()) {
                column.setPrefWidth(column.getMinWidth());
            }
        }
    }

    /** A right-click menu: the row actions given, then "Copy" of the selected rows. */
    public static <R> void contextMenu(javafx.scene.control.TableView<R> table, javafx.scene.control.MenuItem... actions) {
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem("Copy");
        copy.setId(table.getId() + "-copy");
        copy.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.C, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        copy.setOnAction(e -> copySelection(table));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(actions);
        if (actions.length > 0) {
            menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        }
        menu.getItems().add(copy);
        table.setContextMenu(menu);
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (copy.getAccelerator().match(e) && table.getSelectionModel().getSelectedItem() != null) {
                copySelection(table);
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.CONTEXT_MENU
                    || e.getCode() == javafx.scene.input.KeyCode.F10 && e.isShiftDown()) {
                // The menu from the keyboard, on every platform (only some native toolkits map these keys themselves).
                javafx.geometry.Bounds at = table.localToScreen(table.getBoundsInLocal());
                if (at != null) {
                    menu.show(table, at.getMinX() + 40, at.getMinY() + 40);
                    e.consume();
                }
            }
        });
    }

    /** The selected rows as the clipboard gets them: a header line, then one tab-separated line per row. */
    public static <R> String selectionText(javafx.scene.control.TableView<R> table) {
        StringBuilder out = new StringBuilder();
        java.util.List<TableColumn<R, ?>> columns = table.getVisibleLeafColumns().stream()
                .filter(c -> !c.getText().isEmpty() && (table.getItems().isEmpty() || c.getCellData(0) != table.getItems().get(0))).toList();
        out.append(String.join("\t", columns.stream().map(TableColumn::getText).toList())).append('\n');
        for (int index : table.getSelectionModel().getSelectedIndices()) {
            java.util.List<String> cells = new java.util.ArrayList<>();
            for (TableColumn<R, ?> column : columns) {
                Object value = column.getCellData(index);
                cells.add(value == null ? "" : String.valueOf(value).replace('\n', ' ').replace('\t', ' '));
            }
            out.append(String.join("\t", cells)).append('\n');
        }
        return out.toString();
    }

    private static <R> void copySelection(javafx.scene.control.TableView<R> table) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(selectionText(table));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    /** A column with one button per row; {@code id} names each button after the row (for shortcuts and tests). */
    public static <R> TableColumn<R, R> button(String title, Function<R, String> id, java.util.function.Consumer<R> action,
            javafx.beans.value.ObservableBooleanValue disabled) {
        TableColumn<R, R> column = new TableColumn<>(title);
        column.setSortable(false);
        // Room for the whole button, not "Rel…".
        column.setMinWidth(Math.ceil(new javafx.scene.text.Text(title).getLayoutBounds().getWidth()) + 52);
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

    /**
     * A column that shows {@code text} of the row and sorts by {@code key} (an instant shown as "2m ago", a number
     * shown with its unit); rows without a key sort last.
     */
    public static <R, K extends Comparable<? super K>> TableColumn<R, R> keyed(String title, Function<R, K> key, Function<R, String> text) {
        TableColumn<R, R> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator(java.util.Comparator.comparing(key, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        return column;
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
