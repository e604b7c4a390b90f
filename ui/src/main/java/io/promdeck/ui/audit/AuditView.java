package io.promdeck.ui.audit;

import io.promdeck.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Audit panel: the actions table with a filter, and the selected entry in full. */
public final class AuditView {

    private final VBox root = new VBox(8);

    public AuditView(AuditViewModel model) {
        Label title = new Label("Audit log");
        title.getStyleClass().add("panel-title");
        TextField filter = new TextField();
        filter.setId("audit-filter");
        filter.setPromptText("Filter: words of the action, target, who, where or outcome");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox header = new HBox(12, title, filter);
        header.getStyleClass().add("panel-header");
        Label status = new Label();
        status.setId("audit-status");
        status.textProperty().bind(model.statusProperty());

        TableView<AuditViewModel.Row> table = new TableView<>(model.rows());
        table.setId("audit-table");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No action recorded yet (or none matches the filter)."));
        Tables.dense(table);
        table.getColumns().add(Tables.text("Time", AuditViewModel.Row::time));
        table.getColumns().add(Tables.text("Who", AuditViewModel.Row::who));
        table.getColumns().add(Tables.text("Where", AuditViewModel.Row::where));
        table.getColumns().add(Tables.text("Action", AuditViewModel.Row::action));
        table.getColumns().add(Tables.text("Target", AuditViewModel.Row::target));
        table.getColumns().add(Tables.text("Outcome", AuditViewModel.Row::outcome));
        double[] widths = {150, 80, 170, 150, 260, 560};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        TextArea details = new TextArea();
        details.setId("audit-details");
        details.setEditable(false);
        details.getStyleClass().add("monospace");
        details.setPromptText("Select an action to see it in full (a configuration change with its diff).");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                details.setText(row == null ? "" : AuditViewModel.details(row.entry())));
        SplitPane body = new SplitPane(table, details);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.55);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(header, status, body);
        root.setPadding(new Insets(12));
    }

    public VBox root() {
        return root;
    }
}
