package io.promdeck.ui.common;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/** A small line of recent values, scaled to its own min and max. */
public final class Sparkline extends Canvas {

    private List<Double> shown = List.of();

    public Sparkline(double width, double height) {
        super(width, height);
        getStyleClass().add("sparkline");
        // Redrawn in the new theme's colour when the theme is switched.
        ThemeColors.darkProperty().addListener(new javafx.beans.value.WeakChangeListener<>(redraw));
    }

    private final javafx.beans.value.ChangeListener<Boolean> redraw = (obs, old, now) -> show(shown);

    public void show(List<Double> values) {
        shown = List.copyOf(values);
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (values.size() < 2) {
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double span = max - min < 1e-9 ? 1 : max - min;
        g.setStroke(ThemeColors.accent());
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < values.size(); i++) {
            double x = i * (getWidth() - 2) / (values.size() - 1) + 1;
            double y = getHeight() - 2 - (values.get(i) - min) / span * (getHeight() - 4);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
