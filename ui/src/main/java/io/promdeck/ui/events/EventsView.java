package io.promdeck.ui.events;

import io.promdeck.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Events panel: the namespace's events, warnings first, with a word filter and a warnings-only switch. */
public final class EventsView {

    private final VBox root = new VBox(8);

    public EventsView(EventsViewModel model) {
        Label title = new Label("Events");
        title.getStyleClass().add("panel-title");
        TextField filter = io.promdeck.ui.common.Labels.filterField("events-filter",
                "Filter: words of the reason, object or message (e.g. prometheus-0 FailedMount)", "Filter events", model.filterProperty());
        CheckBox warnings = new CheckBox("_Warnings only");
        warnings.setId("events-warnings");
        warnings.setTooltip(new Tooltip("Hide Normal events"));
        warnings.selectedProperty().bindBidirectional(model.warningsOnlyProperty());
        HBox header = new HBox(12, title, filter, warnings);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");
        Label status = new Label();
        status.setId("events-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        TableView<EventRow> table = new TableView<>();
        table.setId("events-table");
        table.setPlaceholder(new Label("No event (or none matches the filter)."));
        TableColumn<EventRow, String> type = Tables.flagged("Type", EventRow::type, EventRow::warning, "flag");
        TableColumn<EventRow, EventRow> age = Tables.keyed("Last seen", EventRow::last, EventRow::age);
        table.getColumns().add(type);
        table.getColumns().add(Tables.text("Reason", EventRow::reason));
        table.getColumns().add(Tables.text("Object", EventRow::object));
        table.getColumns().add(Tables.keyed("Count", EventRow::count, r -> Integer.toString(r.count())));
        table.getColumns().add(age);
        table.getColumns().add(Tables.text("Message", EventRow::message));
        double[] widths = {90, 150, 230, 70, 100, 560};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        Tables.standard(table, model.rows(), EventRow.WARNINGS_FIRST);
        Tables.dense(table);
        Tables.rows(table, r -> r.warning() ? java.util.List.of("severity-warning") : java.util.List.of(), null);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, status, table);
        root.setPadding(new Insets(12));
    }

    public VBox root() {
        return root;
    }
}
