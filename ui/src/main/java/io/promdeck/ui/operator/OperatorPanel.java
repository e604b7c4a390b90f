package io.promdeck.ui.operator;

import io.promdeck.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Operator panel: the operator's resources, targets by monitor, rules by PrometheusRule. */
public final class OperatorPanel {

    private final VBox root = new VBox(8);

    public OperatorPanel(OperatorViewModel model) {
        Label title = new Label("prometheus-operator");
        title.getStyleClass().add("panel-title");
        Label summary = new Label();
        summary.setId("operator-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        TableView<OperatorViewModel.MonitorLine> monitors = new TableView<>();
        monitors.setId("operator-monitors");
        monitors.setPlaceholder(new Label("No monitor (ServiceMonitor, PodMonitor, Probe, ScrapeConfig) in this namespace or the namespaces its Prometheus resources select."));
        monitors.getColumns().add(Tables.text("Kind", OperatorViewModel.MonitorLine::kind));
        monitors.getColumns().add(Tables.flagged("Monitor", OperatorViewModel.MonitorLine::name, l -> !l.problem().isEmpty(), "flag"));
        // The problem before the long per-replica text, so it is read at 1280 wide (the cell's tooltip has all of it).
        monitors.getColumns().add(Tables.flagged("Problem", OperatorViewModel.MonitorLine::problem, l -> !l.problem().isEmpty(), "flag"));
        monitors.getColumns().add(Tables.text("Targets per replica", OperatorViewModel.MonitorLine::targets));
        monitors.getColumns().add(Tables.text("Scrape pools", OperatorViewModel.MonitorLine::pools));
        double[] widths = {120, 260, 420, 520, 360};
        for (int i = 0; i < widths.length; i++) {
            monitors.getColumns().get(i).setPrefWidth(widths[i]);
        }
        Tables.standard(monitors, model.monitors(), null);
        Tables.dense(monitors);

        TableView<OperatorViewModel.RuleLine> rules = new TableView<>();
        rules.setId("operator-rules");
        rules.setPlaceholder(new Label("No rule of a PrometheusRule is loaded on a replica that answered."));
        rules.getColumns().add(Tables.text("PrometheusRule", OperatorViewModel.RuleLine::resource));
        rules.getColumns().add(Tables.text("Group", OperatorViewModel.RuleLine::group));
        rules.getColumns().add(Tables.flagged("Rule", OperatorViewModel.RuleLine::rule, OperatorViewModel.RuleLine::failing, "flag"));
        rules.getColumns().add(Tables.text("Replica", OperatorViewModel.RuleLine::replica));
        rules.getColumns().add(Tables.flagged("Health", OperatorViewModel.RuleLine::health, OperatorViewModel.RuleLine::failing, "flag"));
        rules.getColumns().add(Tables.keyed("Firing", OperatorViewModel.RuleLine::firing, r -> Integer.toString(r.firing())));
        rules.getColumns().add(Tables.text("Last error", OperatorViewModel.RuleLine::lastError));
        double[] ruleWidths = {280, 140, 180, 330, 70, 70, 400};
        for (int i = 0; i < ruleWidths.length; i++) {
            rules.getColumns().get(i).setPrefWidth(ruleWidths[i]);
        }
        Tables.standard(rules, model.rules(), null);
        Tables.dense(rules);

        Label monitorsTitle = new Label("Targets by monitor");
        monitorsTitle.getStyleClass().add("section-title");
        Label rulesTitle = new Label("Rules by PrometheusRule");
        rulesTitle.getStyleClass().add("section-title");
        VBox top = new VBox(6, monitorsTitle, monitors);
        VBox.setVgrow(monitors, Priority.ALWAYS);
        VBox bottom = new VBox(6, rulesTitle, rules);
        VBox.setVgrow(rules, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(title, summary, split);
        root.setPadding(new Insets(12));
    }

    public VBox root() {
        return root;
    }
}
