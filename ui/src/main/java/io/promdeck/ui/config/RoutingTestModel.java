package io.promdeck.ui.config;

import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.RouteTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The routing test of the Config panel: typed labels, and where an alert with them goes in an Alertmanager
 * configuration (as {@code amtool config routes test}), each destination with its route trail and inherited settings.
 */
public final class RoutingTestModel {

    private final StringProperty labels = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<String> routes = FXCollections.observableArrayList();

    /** Evaluates the typed labels on {@code alertmanagerYaml}; a bad label or tree is a sentence, never a partial result. */
    public void test(String alertmanagerYaml) {
        clear();
        Map<String, String> typed;
        try {
            typed = RouteTree.labels(labels.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        RouteTree tree;
        try {
            tree = RouteTree.ofYaml(alertmanagerYaml);
        } catch (IllegalArgumentException e) {
            error.set("The edited configuration has no usable routing tree: " + e.getMessage());
            return;
        }
        for (RouteTree.Destination d : tree.route(typed)) {
            routes.add(describe(d));
        }
    }

    void clear() {
        routes.clear();
        error.set("");
    }

    static String describe(RouteTree.Destination d) {
        List<String> trail = new ArrayList<>();
        for (RouteTree.Route route : d.trail()) {
            trail.add(route.path() + (route.matchers().isEmpty() ? "" : " " + Matchers.print(route.matchers())));
        }
        RouteTree.Route route = d.route();
        return "→ " + d.receiver() + "   via " + String.join(" › ", trail) + "   (group_by " + route.groupBy() + ", group_wait "
                + route.groupWait() + ", repeat_interval " + route.repeatInterval() + (route.continueMatching() ? ", continue" : "") + ")";
    }

    public StringProperty labelsProperty() {
        return labels;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ObservableList<String> routes() {
        return routes;
    }
}
