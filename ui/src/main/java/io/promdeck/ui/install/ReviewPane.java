package io.promdeck.ui.install;

import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.FieldChange;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.ui.common.Labels;
import io.promdeck.ui.common.Tasks;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Review step's view: checks, the plan (how each change is made, old → new values), the manifests and the export. */
final class ReviewPane {

    /** Values longer than this are cut in a plan row; the row's tooltip has them whole. */
    private static final int VALUE_WIDTH = 48;

    private ReviewPane() {
    }

    static Node build(ReviewStep step, Tasks tasks, Supplier<Window> owner) {
        Label summary = Labels.bound("wizard-plan-summary", step.summaryProperty(), false);
        Label reviewError = Labels.bound("wizard-review-error", step.errorProperty(), true);

        ListView<CheckResult> checks = new ListView<>(step.checks());
        checks.setId("wizard-checks");
        checks.setPrefHeight(160);
        checks.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().removeAll("check-failed", "check-skipped");
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(c.name() + " — " + c.detail());
                setGraphic(new FontIcon(switch (c.status()) {
                    case PASSED -> Feather.CHECK;
                    case FAILED -> Feather.X;
                    case SKIPPED -> Feather.MINUS;
                }));
                if (c.status() != CheckResult.Status.PASSED) {
                    getStyleClass().add(c.failed() ? "check-failed" : "check-skipped");
                }
            }
        });

        CheckBox unchanged = new CheckBox("Show unchanged objects");
        unchanged.setId("wizard-plan-unchanged");
        ListView<PlanItem> plan = new ListView<>();
        plan.setId("wizard-plan");
        Runnable fill = () -> plan.getItems().setAll(unchanged.isSelected() ? step.plan() : step.changes());
        step.plan().addListener((ListChangeListener<PlanItem>) c -> fill.run());
        unchanged.selectedProperty().addListener((obs, old, now) -> fill.run());
        plan.setCellFactory(l -> new PlanCell());

        ListView<String> components = new ListView<>();
        components.setId("wizard-components");
        components.setPrefWidth(180);
        TextArea yaml = new TextArea();
        yaml.setId("wizard-yaml");
        yaml.setEditable(false);
        yaml.getStyleClass().add("monospace");
        step.renderedProperty().addListener((obs, old, stack) -> {
            components.getItems().setAll(stack == null ? List.of() : stack.components());
            yaml.clear();
            if (stack != null && !stack.components().isEmpty()) {
                components.getSelectionModel().selectFirst();
            }
        });
        components.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            RenderedStack stack = step.renderedProperty().get();
            yaml.setText(c == null || stack == null ? "" : stack.yaml(c));
        });
        SplitPane viewer = new SplitPane(components, yaml);
        viewer.setDividerPositions(0.2);
        viewer.setPrefHeight(240);

        TextField folder = new TextField();
        folder.setId("wizard-export-folder");
        folder.setPromptText("folder to write the manifests to");
        folder.setPrefColumnCount(36);
        Button choose = WizardForms.tip(new Button("Choose…"), "Pick the folder to export to");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export the manifests to");
            java.io.File picked = chooser.showDialog(owner.get());
            if (picked != null) {
                folder.setText(picked.getAbsolutePath());
            }
        });
        CheckBox secrets = WizardForms.tip(new CheckBox("Include secret values"),
                "Secret values are masked value by value unless this is ticked; with them, the files are readable by you only");
        secrets.setId("wizard-export-secrets");
        Button export = new Button("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("wizard-export");
        export.disableProperty().bind(step.renderedProperty().isNull().or(folder.textProperty().isEmpty()));
        Label exported = new Label();
        exported.setId("wizard-export-result");
        exported.setWrapText(true);
        step.renderedProperty().addListener((obs, old, now) -> exported.setText(""));
        export.setOnAction(e -> ExportAction.run(tasks, step.renderedProperty().get(), folder.getText().strip(), secrets.isSelected(),
                exported::setText));

        VBox page = new VBox(8, WizardForms.section("Plan"), summary, reviewError, unchanged, plan, WizardForms.section("Checks"), checks,
                WizardForms.section("Manifests"), viewer, new HBox(8, folder, choose, secrets, export), exported);
        VBox.setVgrow(plan, Priority.ALWAYS);
        plan.setPrefHeight(300);
        return page;
    }

    /** One object of the plan: what happens to it and how, why, and each changed field old → new. */
    static String text(PlanItem item) {
        StringBuilder out = new StringBuilder(item.action().name().toLowerCase(Locale.ROOT)).append("  ").append(item.id());
        if (item.action() == PlanItem.Action.UPDATE || item.how() == PlanItem.How.REFUSED) {
            out.append("  —  ").append(item.how().words());
        }
        for (FieldChange change : item.changes()) {
            out.append("\n    ").append(change.brief(VALUE_WIDTH));
        }
        if (!item.explanation().isEmpty()) {
            out.append("\n    ").append(item.explanation());
        }
        return out.toString();
    }

    private static final class PlanCell extends ListCell<PlanItem> {
        PlanCell() {
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(PlanItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("check-failed", "plan-recreate");
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            // One label per line, so a row grows with its changes instead of being cut.
            VBox lines = new VBox(1);
            String[] text = text(item).split("\n");
            Label title = new Label(text[0]);
            title.getStyleClass().add("plan-title");
            lines.getChildren().add(title);
            for (int i = 1; i < text.length; i++) {
                Label line = new Label(text[i]);
                line.setWrapText(true);
                line.maxWidthProperty().bind(widthProperty().subtract(24));
                line.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                lines.getChildren().add(line);
            }
            setGraphic(lines);
            StringBuilder full = new StringBuilder(item.id());
            item.changes().forEach(c -> full.append("\n").append(c.path()).append(":\n  was: ").append(c.before()).append("\n  now: ").append(c.after()));
            if (!item.serverCheck().isEmpty()) {
                full.append("\n").append(item.serverCheck());
            }
            Tooltip tip = new Tooltip(full.toString());
            tip.setMaxWidth(700);
            tip.setWrapText(true);
            setTooltip(tip);
            if (item.how() == PlanItem.How.REFUSED) {
                getStyleClass().add("check-failed");
            } else if (item.action() == PlanItem.Action.UPDATE && item.how() != PlanItem.How.IN_PLACE) {
                getStyleClass().add("plan-recreate");
            }
        }
    }
}
