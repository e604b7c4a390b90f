package io.promdeck.ui.replicas;

import io.promdeck.ui.common.Sparkline;
import io.promdeck.ui.common.Tables;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Prometheus replicas panel. */
public final class ReplicasView {

    private final VBox root = new VBox(8);

    public ReplicasView(ReplicasViewModel model, java.util.function.Supplier<javafx.stage.Window> owner) {
        Label title = new Label("Prometheus replicas");
        title.getStyleClass().add("panel-title");
        Button reloadAll = new Button("Reload all", new FontIcon(Feather.REFRESH_CW));
        reloadAll.setId("reload-all");
        reloadAll.disableProperty().bind(model.reloadingProperty());
        reloadAll.setOnAction(e -> model.reloadAll());
        Button details = new Button("Error details…", new FontIcon(Feather.INFO));
        details.setId("replica-details");
        // An operator-run stack: its config-reloader reloads on every change; a reload here is for when it did not.
        Label operatorNote = new Label();
        operatorNote.setId("replicas-operator-note");
        operatorNote.setWrapText(true);
        io.promdeck.ui.common.Follow.value(model.session().sessionProperty(), now -> operatorNote.setText(now != null && now.operator()
                .filter(r -> r instanceof io.promdeck.app.operator.OperatorResources.Read).isPresent()
                ? "prometheus-operator's config-reloader reloads these replicas when their configuration changes; reload here only when it did not."
                : ""));
        operatorNote.visibleProperty().bind(operatorNote.textProperty().isNotEmpty());
        operatorNote.managedProperty().bind(operatorNote.visibleProperty());
        reloadAll.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() -> operatorNote.getText().isEmpty()
                ? null : new javafx.scene.control.Tooltip(operatorNote.getText()), operatorNote.textProperty()));
        HBox header = new HBox(12, title, reloadAll, details, operatorNote);
        header.getStyleClass().add("panel-header");

        TableView<ReplicaRow> table = new TableView<>(model.rows());
        table.setId("replicas-table");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No Prometheus replica found yet."));
        Tables.rows(table, r -> r.old() ? java.util.List.of("old-values") : java.util.List.of(),
                r -> r.failure().ifPresent(f -> io.promdeck.ui.common.ErrorDetails.show(owner.get(), r.name(), f)));

        details.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            ReplicaRow selected = table.getSelectionModel().getSelectedItem();
            return selected == null || selected.failure().isEmpty();
        }, table.getSelectionModel().selectedItemProperty(), model.rows()));
        details.setOnAction(e -> {
            ReplicaRow selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                selected.failure().ifPresent(f -> io.promdeck.ui.common.ErrorDetails.show(owner.get(), selected.name(), f));
            }
        });
        details.setTooltip(Tables.tooltip("The whole error of the selected replica's last refresh: the request, the route, how long it waited"));
        // What an operator acts on first — who, how fresh, the ingestion line, Reload and its result — comes first, so it
        // is on screen at 1280x800; the details follow.
        table.getColumns().add(Tables.flagged("Replica", ReplicaRow::name, r -> !r.error().isEmpty(), "stale"));
        table.getColumns().add(Tables.text("Role", ReplicaRow::role));
        table.getColumns().add(Tables.text("Data", ReplicaRow::freshness));
        TableColumn<ReplicaRow, ReplicaRow> ingestion = new TableColumn<>("Ingestion");
        ingestion.setSortable(false);
        ingestion.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        ingestion.setCellFactory(c -> new TableCell<>() {
            private final Sparkline line = new Sparkline(90, 18);

            @Override
            protected void updateItem(ReplicaRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    line.show(row.ingestion());
                    setGraphic(line);
                }
            }
        });
        table.getColumns().add(ingestion);
        TableColumn<ReplicaRow, ReplicaRow> reload = Tables.button("Reload", r -> "reload-" + r.name(), r -> model.reload(r.name()),
                model.reloadingProperty());
        reload.setSortable(false);
        table.getColumns().add(reload);
        TableColumn<ReplicaRow, String> result = Tables.flagged("Result", r -> r.reloadResult().isEmpty() ? r.error() : r.reloadResult(),
                r -> r.reloadFailed() || !r.error().isEmpty(), "flag");
        table.getColumns().add(result);
        table.getColumns().add(Tables.flagged("Last reload", ReplicaRow::lastReload, r -> r.lastReload().equals("FAILED"), "flag"));
        table.getColumns().add(Tables.text("Pod", ReplicaRow::ready));
        table.getColumns().add(Tables.text("Node", ReplicaRow::node));
        table.getColumns().add(Tables.text("Restarts", ReplicaRow::restarts));
        table.getColumns().add(Tables.text("Version", ReplicaRow::version));
        table.getColumns().add(Tables.text("Uptime", ReplicaRow::uptime));
        table.getColumns().add(Tables.text("Config loaded", ReplicaRow::lastConfigTime));
        table.getColumns().add(Tables.flagged("Config hash", ReplicaRow::configHash, ReplicaRow::hashDiffers, "flag"));
        table.getColumns().add(Tables.text("Targets up", ReplicaRow::targets));
        table.getColumns().add(Tables.text("Head series", ReplicaRow::headSeries));
        table.getColumns().forEach(c -> c.setPrefWidth(Math.max(70, c.getText().length() * 9 + 24)));
        table.getColumns().get(0).setPrefWidth(150);
        ingestion.setPrefWidth(104);
        result.setPrefWidth(280);
        Tables.standard(table, model.rows(), null, io.promdeck.ui.common.CopyCommands.items(table, model.session(),
                io.promdeck.app.cluster.Component.PROMETHEUS, ReplicaRow::name, java.util.List.of(
                        new io.promdeck.ui.common.CopyCommands.Request("Reload", "POST", "/-/reload"),
                        new io.promdeck.ui.common.CopyCommands.Request("Build info", "GET", "/api/v1/status/buildinfo"),
                        new io.promdeck.ui.common.CopyCommands.Request("Targets", "GET", "/api/v1/targets?state=active"))));
        Tables.keepSelection(table, ReplicaRow::name);
        // Reload results and errors in full, one line per replica: the table cell only has room for the start.
        VBox messages = new VBox(4);
        messages.setId("replica-messages");
        model.rows().addListener((javafx.collections.ListChangeListener<ReplicaRow>) c -> {
            messages.getChildren().clear();
            for (ReplicaRow row : model.rows()) {
                String text = row.reloadResult().isEmpty() ? row.error() : row.reloadResult();
                if (!text.isEmpty()) {
                    Label line = new Label(row.name() + ": " + text);
                    line.setWrapText(true);
                    line.getStyleClass().add(row.reloadFailed() || !row.error().isEmpty() ? "problem" : "ok-message");
                    messages.getChildren().add(line);
                }
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(header, table, messages);
        root.setPadding(new Insets(12));
    }

    public Node root() {
        return root;
    }
}
