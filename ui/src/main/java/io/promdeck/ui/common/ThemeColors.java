package io.promdeck.ui.common;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for canvas drawings, taken from the theme's own colour variables (AtlantaFX's {@code -color-accent-fg} and
 * friends), so a sparkline or a timeline is as readable in the dark theme as in the light one. Drawings redraw when
 * {@link #darkProperty()} changes. FX thread only.
 */
public final class ThemeColors {

    private static final SimpleBooleanProperty DARK = new SimpleBooleanProperty(false);
    private static final Map<String, Color> CACHE = new HashMap<>();

    private ThemeColors() {
    }

    /** Called when the theme is switched (after the new user-agent stylesheet is set). */
    public static void themeChanged(boolean dark) {
        CACHE.clear();
        DARK.set(dark);
    }

    public static ReadOnlyBooleanProperty darkProperty() {
        return DARK;
    }

    /** A theme colour variable, e.g. {@code -color-accent-fg}; {@code fallback} when the theme does not define it. */
    public static Color of(String variable, Color fallback) {
        return CACHE.computeIfAbsent(variable, v -> resolve(v, fallback));
    }

    public static Color accent() {
        return of("-color-accent-fg", Color.web("#0969da"));
    }

    public static Color success() {
        return of("-color-success-emphasis", Color.web("#2da44e"));
    }

    public static Color danger() {
        return of("-color-danger-emphasis", Color.web("#cf222e"));
    }

    public static Color muted() {
        return of("-color-fg-muted", Color.web("#57606a"));
    }

    /** Resolves the variable on a probe in a scene of its own: the user-agent stylesheet (the theme) defines it at the root. */
    private static Color resolve(String variable, Color fallback) {
        Region probe = new Region();
        probe.setStyle("-fx-background-color: " + variable + ";");
        new Scene(new Group(probe));
        probe.applyCss();
        if (probe.getBackground() == null || probe.getBackground().getFills().isEmpty()) {
            return fallback;
        }
        Paint fill = probe.getBackground().getFills().get(0).getFill();
        return fill instanceof Color color ? color : fallback;
    }
}
