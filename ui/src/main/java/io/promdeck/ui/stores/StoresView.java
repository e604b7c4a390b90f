package io.promdeck.ui.stores;

import io.promdeck.app.thanos.StoreSet;
import io.promdeck.app.thanos.StoreStatus;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.common.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import io.promdeck.ui.common.ThemeColors;

/** The Thanos stores panel: one table per component type, a coverage timeline and the flags. */
public final class StoresView {

    private final VBox content = new VBox(8);
    private final VBox groups = new VBox(6);
    private final Canvas timeline = new Canvas(900, 10);
    private StoreSet drawnSet;
    private Instant drawnAt;
    private final Clock clock;
    private final ScrollPane root = new ScrollPane(content);

    public StoresView(StoresViewModel model, Clock clock) {
        ThemeColors.darkProperty().addListener((obs, old, dark) -> {
            if (drawnSet != null) {
                drawTimeline(drawnSet, drawnAt);
            }
        });
        this.clock = clock;
        Label title = new Label("Thanos stores");
        title.getStyleClass().add("panel-title");
        Label status = new Label();
        status.setId("stores-status");
        status.textProperty().bind(model.statusProperty());
        ListView<String> flags = new ListView<>(model.flags());
        flags.setId("stores-flags");
        flags.setPrefHeight(90);
        flags.getStyleClass().add("flags");
        Label coverage = new Label("Coverage (min time → max time; open-ended ranges reach now)");
        coverage.getStyleClass().add("section-title");
        io.promdeck.ui.common.Follow.value(model.storesProperty(), this::render);
        content.getChildren().addAll(title, status, flags, groups, coverage, timeline);
        content.setPadding(new Insets(12));
    }

    private void render(StoreSet set) {
        groups.getChildren().clear();
        if (set == null) {
            timeline.setHeight(10);
            timeline.getGraphicsContext2D().clearRect(0, 0, timeline.getWidth(), timeline.getHeight());
            return;
        }
        Instant now = clock.instant();
        set.byType().forEach((type, stores) -> {
            TableView<StoreStatus> table = new TableView<>(FXCollections.observableArrayList(stores));
            table.setId("stores-" + type);
            table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            table.setFixedCellSize(30);
            table.setPrefHeight(62 + 30 * Math.max(1, stores.size()));
            table.getColumns().add(Tables.flagged("Name", StoreStatus::name, s -> !s.healthy(), "stale"));
            table.getColumns().add(Tables.text("Label sets", s -> s.labelSets().stream().map(Object::toString).collect(Collectors.joining(" "))));
            table.getColumns().add(Tables.text("Min time", s -> Formats.time(s.minInstant())));
            table.getColumns().add(Tables.text("Max time", s -> s.maxInstant().map(Formats::time).orElse("now")));
            table.getColumns().add(Tables.text("Checked", s -> s.lastCheck() == null ? "—" : Formats.since(s.lastCheck(), now)));
            table.getColumns().add(Tables.flagged("Last error", s -> s.lastError().orElse(""), s -> !s.healthy(), "flag"));
            double[] widths = {230, 420, 150, 150, 90, 500};
            for (int i = 0; i < table.getColumns().size(); i++) {
                table.getColumns().get(i).setPrefWidth(widths[i]);
            }
            TitledPane pane = new TitledPane(type + " (" + stores.size() + ")", table);
            groups.getChildren().add(pane);
        });
        drawTimeline(set, now);
    }

    private void drawTimeline(StoreSet set, Instant now) {
        drawnSet = set;
        drawnAt = now;
        var stores = set.all();
        double rowHeight = 18;
        timeline.setHeight(Math.max(10, stores.size() * rowHeight + 4));
        GraphicsContext g = timeline.getGraphicsContext2D();
        g.clearRect(0, 0, timeline.getWidth(), timeline.getHeight());
        long start = stores.stream().mapToLong(StoreStatus::minTime).min().orElse(now.toEpochMilli());
        long end = now.toEpochMilli();
        double span = Math.max(1, end - start);
        double labelWidth = 260;
        double width = timeline.getWidth() - labelWidth - 10;
        for (int i = 0; i < stores.size(); i++) {
            StoreStatus s = stores.get(i);
            double y = i * rowHeight + 2;
            g.setFill(ThemeColors.muted());
            g.fillText(s.type() + " " + s.name(), 2, y + 12);
            double from = labelWidth + (s.minTime() - start) / span * width;
            double to = labelWidth + (Math.min(s.openEnded() ? end : s.maxTime(), end) - start) / span * width;
            g.setFill(s.healthy() ? ThemeColors.success() : ThemeColors.danger());
            g.fillRect(from, y + 3, Math.max(2, to - from), rowHeight - 6);
        }
        g.setFill(ThemeColors.muted());
        g.fillText(Formats.age(Duration.ofMillis(end - start)) + " shown", labelWidth, timeline.getHeight() - 1);
    }

    public Node root() {
        root.setFitToWidth(true);
        return root;
    }
}
