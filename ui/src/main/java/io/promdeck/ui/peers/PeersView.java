package io.promdeck.ui.peers;

import io.promdeck.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Alertmanager peers panel: one row per peer and the who-sees-whom matrix. */
public final class PeersView {

    private final VBox root = new VBox(8);
    private final GridPane matrix = new GridPane();
    private final VBox problems = new VBox(2);

    public PeersView(PeersViewModel model, java.util.function.Supplier<javafx.stage.Window> owner) {
        Label title = new Label("Alertmanager peers");
        title.getStyleClass().add("panel-title");
        Button reloadAll = new Button("Reload all", new FontIcon(Feather.REFRESH_CW));
        reloadAll.setId("peers-reload-all");
        reloadAll.disableProperty().bind(model.reloadingProperty());
        reloadAll.setOnAction(e -> model.reloadAll());
        HBox header = new HBox(12, title, reloadAll);
        header.getStyleClass().add("panel-header");
        TableView<PeerRow> table = new TableView<>(model.rows());
        table.setId("peers-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No Alertmanager peer found yet."));
        table.getColumns().add(Tables.flagged("Peer", PeerRow::name, r -> !r.error().isEmpty(), "stale"));
        table.getColumns().add(Tables.text("Data", PeerRow::freshness));
        table.getColumns().add(Tables.text("Cluster", PeerRow::clusterState));
        table.getColumns().add(Tables.flagged("Peers seen", PeerRow::seen, PeerRow::missingPeers, "flag"));
        table.getColumns().add(Tables.text("Version", PeerRow::version));
        table.getColumns().add(Tables.flagged("Config hash", PeerRow::configHash, PeerRow::hashDiffers, "flag"));
        table.getColumns().add(Tables.text("Silences", PeerRow::silences));
        table.getColumns().add(Tables.button("Reload", r -> "reload-" + r.name(), r -> model.reload(r.name()),
                new javafx.beans.property.SimpleBooleanProperty(false)));
        table.getColumns().add(Tables.flagged("Result", r -> r.reloadResult().isEmpty() ? r.error() : r.reloadResult(),
                r -> r.reloadFailed() || !r.error().isEmpty(), "flag"));
        table.setPrefHeight(200);
        Tables.rows(table, r -> r.old() ? java.util.List.of("old-values") : java.util.List.of(),
                r -> r.failure().ifPresent(f -> io.promdeck.ui.common.ErrorDetails.show(owner.get(), r.name(), f)));
        table.setTooltip(Tables.tooltip("Double-click a failing peer for the whole error, the request and how long it waited."));
        Tables.standard(table, model.rows(), null, io.promdeck.ui.common.CopyCommands.items(table, model.session(),
                io.promdeck.app.cluster.Component.ALERTMANAGER, PeerRow::name, java.util.List.of(
                        new io.promdeck.ui.common.CopyCommands.Request("Status", "GET", "/api/v2/status"),
                        new io.promdeck.ui.common.CopyCommands.Request("Alerts", "GET", "/api/v2/alerts"),
                        new io.promdeck.ui.common.CopyCommands.Request("Silences", "GET", "/api/v2/silences"),
                        new io.promdeck.ui.common.CopyCommands.Request("Reload", "POST", "/-/reload"))));
        Tables.keepSelection(table, PeerRow::name);
        Label matrixTitle = new Label("Who sees whom");
        matrixTitle.getStyleClass().add("section-title");
        matrix.setId("peer-matrix");
        matrix.getStyleClass().add("peer-matrix");
        problems.setId("peer-problems");
        io.promdeck.ui.common.Follow.value(model.meshProperty(), this::render);
        VBox.setVgrow(table, Priority.SOMETIMES);
        root.getChildren().addAll(header, table, matrixTitle, matrix, problems);
        root.setPadding(new Insets(12));
    }

    private void render(PeerMesh mesh) {
        matrix.getChildren().clear();
        problems.getChildren().clear();
        if (mesh == null) {
            return;
        }
        matrix.add(new Label("sees →"), 0, 0);
        for (int j = 0; j < mesh.peers().size(); j++) {
            Label head = new Label(mesh.peers().get(j));
            head.getStyleClass().add("matrix-head");
            matrix.add(head, j + 1, 0);
        }
        for (int i = 0; i < mesh.peers().size(); i++) {
            Label rowHead = new Label(mesh.peers().get(i));
            rowHead.getStyleClass().add("matrix-head");
            matrix.add(rowHead, 0, i + 1);
            for (int j = 0; j < mesh.peers().size(); j++) {
                Label cell = new Label(!mesh.answered()[i] ? "?" : mesh.sees()[i][j] ? "✓" : "✗");
                cell.getStyleClass().add(!mesh.answered()[i] ? "matrix-unknown" : mesh.sees()[i][j] ? "matrix-yes" : "matrix-no");
                cell.setId("sees-" + i + "-" + j);
                matrix.add(cell, j + 1, i + 1);
            }
        }
        for (String problem : mesh.problems()) {
            Label line = new Label("⚠ " + problem);
            line.getStyleClass().add("problem");
            problems.getChildren().add(line);
        }
    }

    public Node root() {
        return root;
    }
}
