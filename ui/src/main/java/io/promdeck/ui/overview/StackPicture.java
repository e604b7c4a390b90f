package io.promdeck.ui.overview;

import io.promdeck.app.doctor.Verdict;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * Draws a {@link Picture}: boxes and lines whose colours come from the stylesheet (style classes per verdict, the
 * theme's colour variables), so light and dark themes need no second code path. Boxes and lines are kept and updated
 * in place across refreshes (a box under the pointer stays the same node); a click on a box selects it.
 */
final class StackPicture extends Pane {

    private static final String VERDICT = "verdict-";

    private final Consumer<String> onSelect;
    private final Map<String, VBox> boxes = new HashMap<>();
    private final Map<String, Line> lines = new HashMap<>();
    private String selected;

    StackPicture(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("stack-picture");
        setId("stack-picture");
        setPrefSize(Picture.WIDTH, Picture.HEIGHT);
        setMinSize(Picture.WIDTH, Picture.HEIGHT);
    }

    void show(Picture picture, String selectedNode) {
        this.selected = selectedNode;
        if (picture == null) {
            getChildren().clear();
            boxes.clear();
            lines.clear();
            return;
        }
        Map<String, Picture.Node> byId = new HashMap<>();
        picture.nodes().forEach(n -> byId.put(n.id(), n));
        Set<String> liveLines = new HashSet<>();
        for (Picture.Edge edge : picture.edges()) {
            Picture.Node from = byId.get(edge.from());
            Picture.Node to = byId.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            String key = edge.from() + "→" + edge.to();
            liveLines.add(key);
            Line line = lines.computeIfAbsent(key, k -> {
                Line created = new Line();
                created.setMouseTransparent(true);
                getChildren().add(0, created);
                return created;
            });
            line.setStartX(from.centerX());
            line.setStartY(from.centerY());
            line.setEndX(to.centerX());
            line.setEndY(to.centerY());
            line.getStyleClass().setAll("stack-edge", VERDICT + word(edge.verdict()));
            if (edge.broken()) {
                line.getStyleClass().add("stack-edge-broken");
            }
        }
        lines.keySet().removeIf(key -> {
            if (!liveLines.contains(key)) {
                getChildren().remove(lines.get(key));
                return true;
            }
            return false;
        });
        for (Picture.Node node : picture.nodes()) {
            VBox box = boxes.computeIfAbsent(node.id(), this::box);
            Label title = (Label) box.getChildren().get(0);
            Label caption = (Label) box.getChildren().get(1);
            title.setText(node.label());
            caption.setText(node.caption());
            box.getStyleClass().setAll("stack-node", "stack-node-" + node.kind(), VERDICT + word(node.verdict()));
            if (node.id().equals(selected)) {
                box.getStyleClass().add("stack-node-selected");
            }
            box.setLayoutX(node.x());
            box.setLayoutY(node.y());
            box.setPrefSize(node.width(), node.height());
            box.setMinSize(node.width(), node.height());
            box.setMaxSize(node.width(), node.height());
            Tooltip.install(box, new Tooltip(node.label() + ": " + node.verdict().word() + " — click to list its findings"));
            box.setAccessibleText(node.label() + ", " + node.verdict().word());
        }
        boxes.keySet().removeIf(id -> {
            if (!byId.containsKey(id)) {
                getChildren().remove(boxes.get(id));
                return true;
            }
            return false;
        });
    }

    private VBox box(String id) {
        Label title = new Label();
        title.getStyleClass().add("stack-node-title");
        Label caption = new Label();
        caption.getStyleClass().add("stack-node-caption");
        VBox box = new VBox(2, title, caption);
        box.setId("node-" + id.replace('/', '-'));
        box.setOnMouseClicked(e -> onSelect.accept(id.equals(selected) ? null : id));
        getChildren().add(box);
        return box;
    }

    private static String word(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }
}
