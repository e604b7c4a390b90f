package io.promdeck.ui.sandbox;

import io.promdeck.ui.common.Tables;
import io.promdeck.ui.sandbox.NotificationsViewModel.NotificationRow;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The Notifications panel of a local stack: what its Alertmanagers sent to the console's receiver, newest first. */
public final class NotificationsView {

    private final VBox root;

    public NotificationsView(NotificationsViewModel model) {
        Label title = new Label("Notifications");
        title.getStyleClass().add("panel-title");
        Label header = new Label();
        header.setId("notifications-header");
        header.setWrapText(true);
        header.textProperty().bind(model.header());
        TableView<NotificationRow> table = new TableView<>(model.rows());
        table.setId("notifications");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.text("Received", NotificationRow::time));
        table.getColumns().add(Tables.text("From", NotificationRow::sender));
        table.getColumns().add(Tables.text("Status", NotificationRow::status));
        table.getColumns().add(Tables.text("Group", NotificationRow::group));
        table.getColumns().add(Tables.text("Alerts", NotificationRow::alerts));
        table.getColumns().add(Tables.text("Receiver answered", NotificationRow::answer));
        Tables.rows(table, r -> !r.notification().delivered() ? List.of("severity-critical")
                : r.notification().firing() ? List.of() : List.of("state-suppressed"), null);
        Label placeholder = new Label("Nothing received yet. The Watchdog alert fires within seconds of the stack's start and is notified "
                + "after the route's group_wait.");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        TextArea details = new TextArea();
        details.setId("notification-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("Select a notification to see its alerts.");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                details.setText(row == null ? "" : NotificationsViewModel.details(row.notification())));
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.65);
        VBox.setVgrow(split, javafx.scene.layout.Priority.ALWAYS);
        root = new VBox(8, title, header, split);
        root.setPadding(new Insets(12));
    }

    public Node root() {
        return root;
    }
}
