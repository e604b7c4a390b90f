package io.promdeck.ui.overview;

import io.promdeck.app.doctor.Finding;
import io.promdeck.app.doctor.Verdict;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Overview: the doctor's verdict in one line, the stack as a picture, the findings worst first with their evidence. */
public final class OverviewView {

    private final VBox root = new VBox(8);

    public OverviewView(OverviewViewModel model) {
        Label title = new Label("Overview");
        title.getStyleClass().add("panel-title");
        Label headline = new Label("Not connected.");
        headline.setId("overview-headline");
        headline.setWrapText(true);
        headline.getStyleClass().add("overview-headline");
        Label alerts = new Label();
        alerts.setId("overview-alerts");

        StackPicture picture = new StackPicture(model.selectedNodeProperty()::set);
        // The drawing keeps its proportions and shrinks to the room it has (it never needs a scroll bar).
        javafx.scene.Group scaled = new javafx.scene.Group(picture);
        javafx.scene.layout.StackPane pictureScroll = new javafx.scene.layout.StackPane(scaled);
        pictureScroll.setId("overview-picture");
        pictureScroll.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        pictureScroll.setMinWidth(200);
        Runnable fit = () -> {
            double scale = Math.min(1.0, Math.min(pictureScroll.getWidth() / Picture.WIDTH, pictureScroll.getHeight() / Picture.HEIGHT));
            if (scale > 0) {
                picture.setScaleX(scale);
                picture.setScaleY(scale);
            }
        };
        pictureScroll.widthProperty().addListener((obs, old, w) -> fit.run());
        pictureScroll.heightProperty().addListener((obs, old, h) -> fit.run());

        ListView<Finding> findings = new ListView<>(model.findings());
        findings.setId("overview-findings");
        findings.setPlaceholder(new Label("No findings yet."));
        findings.setCellFactory(l -> new ListCell<>() {
            {
                // Long summaries wrap within the list instead of scrolling sideways.
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeIf(c -> c.startsWith("finding-"));
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                setText(mark(f.verdict()) + "  " + f.title() + " — " + f.summary());
                getStyleClass().add("finding-" + f.verdict().name().toLowerCase(Locale.ROOT));
            }
        });
        findings.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> {
            if (f != null) {
                model.selectedFindingProperty().set(f);
            }
        });
        TextArea details = new TextArea();
        details.setId("overview-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("Select a finding to read its evidence and what to do, or click a part of the picture to list its findings.");
        details.textProperty().bind(model.detailsProperty());
        Label filter = new Label();
        filter.setId("overview-filter");
        Button all = new Button("Show all findings");
        all.setId("overview-all");
        all.visibleProperty().bind(model.selectedNodeProperty().isNotNull());
        all.managedProperty().bind(all.visibleProperty());
        all.setOnAction(e -> model.selectedNodeProperty().set(null));
        model.selectedNodeProperty().addListener((obs, old, node) -> filter.setText(node == null ? "All findings" : "Findings for " + node));
        filter.setText("All findings");
        filter.getStyleClass().add("section-title");
        VBox right = new VBox(6, new HBox(8, filter, all), findings, details);
        VBox.setVgrow(findings, Priority.ALWAYS);
        details.setPrefRowCount(9);
        SplitPane split = new SplitPane(pictureScroll, right);
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);

        io.promdeck.ui.common.Follow.value(model.modelProperty(), m -> {
            headline.getStyleClass().removeIf(c -> c.startsWith("verdict-"));
            if (m == null) {
                headline.setText("Not connected.");
                alerts.setText("");
                picture.show(null, null);
                return;
            }
            headline.setText(m.headline());
            headline.getStyleClass().add("verdict-" + m.verdict().name().toLowerCase(Locale.ROOT));
            alerts.setText(m.alerts() + " · replica label: " + (m.diagnosis().replicaLabel().known()
                    ? "'" + m.diagnosis().replicaLabel().name() + "' (" + m.diagnosis().replicaLabel().source().name().toLowerCase(Locale.ROOT) + ")"
                    : "unknown"));
            picture.show(m.picture(), model.selectedNodeProperty().get());
        });
        model.selectedNodeProperty().addListener((obs, old, node) -> {
            var m = model.modelProperty().get();
            picture.show(m == null ? null : m.picture(), node);
        });
        root.getChildren().addAll(title, headline, alerts, split);
        root.setPadding(new Insets(12));
    }

    static String mark(Verdict verdict) {
        return switch (verdict) {
            case FAIL -> "✗";
            case WARN -> "⚠";
            case UNKNOWN -> "?";
            case OK -> "✓";
        };
    }

    public Node root() {
        return root;
    }
}
