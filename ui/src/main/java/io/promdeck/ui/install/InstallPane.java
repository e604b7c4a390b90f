package io.promdeck.ui.install;

import io.promdeck.app.install.Installation;
import io.promdeck.app.install.RolloutProgress;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Install step's view: a bar per workload, problems, the namespace's events, the log, cancel and retry. */
final class InstallPane {

    private InstallPane() {
    }

    static Node build(InstallStep step, ReadOnlyBooleanProperty busy, Runnable retry) {
        VBox rows = new VBox(6);
        rows.setId("wizard-workloads");
        step.workloads().addListener((ListChangeListener<RolloutProgress.Workload>) c -> {
            rows.getChildren().clear();
            for (RolloutProgress.Workload w : step.workloads()) {
                Label name = new Label(w.kind() + "/" + w.name());
                name.setMinWidth(260);
                ProgressBar bar = new ProgressBar(w.desired() == 0 ? 0 : (double) w.ready() / w.desired());
                bar.setId("wizard-progress-" + w.name());
                bar.setPrefWidth(260);
                // Old pods still ready right after an update are not a finished rollout: say what is still pending.
                String pending = !w.current() ? "  not yet seen by its controller"
                        : w.updated() < w.desired() ? "  " + w.updated() + " of " + w.desired() + " updated" : "";
                Label count = new Label(w.ready() + "/" + w.desired() + (w.done() ? "  ready" : pending));
                HBox row = new HBox(10, name, bar, count);
                row.setAlignment(Pos.CENTER_LEFT);
                rows.getChildren().add(row);
            }
        });
        ListView<String> problems = new ListView<>(step.problems());
        problems.setId("wizard-rollout-problems");
        problems.setPrefHeight(170);
        problems.setCellFactory(l -> wrapping("problem"));
        ListView<String> events = new ListView<>(step.events());
        events.setId("wizard-events");
        events.setPrefHeight(150);
        ListView<String> log = new ListView<>(step.log());
        log.setId("wizard-install-log");
        log.setPrefHeight(140);
        log.setCellFactory(l -> wrapping("log"));
        step.log().addListener((ListChangeListener<String>) c -> log.scrollTo(step.log().size() - 1));
        Button cancel = WizardForms.tip(new Button("Cancel", new FontIcon(Feather.X_CIRCLE)),
                "Stop between objects, or stop following the rollout; running again resumes");
        cancel.setId("wizard-cancel");
        cancel.disableProperty().bind(busy.not());
        cancel.setOnAction(e -> step.cancel());
        Button again = new Button("Review and run again", new FontIcon(Feather.ROTATE_CW));
        again.setId("wizard-retry");
        again.visibleProperty().bind(Bindings.createBooleanBinding(() -> step.endingProperty().get() != null
                && step.endingProperty().get() != Installation.Ending.READY, step.endingProperty()));
        again.managedProperty().bind(again.visibleProperty());
        again.setOnAction(e -> retry.run());
        Label ending = new Label();
        ending.setId("wizard-ending");
        ending.textProperty().bind(Bindings.createStringBinding(() -> {
            Installation.Ending end = step.endingProperty().get();
            if (end == null) {
                return busy.get() ? "Installing…" : "";
            }
            return switch (end) {
                case READY -> "Every workload is ready.";
                case CANCELLED -> "Cancelled. What was applied stays; the parameters are stored in the cluster, so the wizard can resume "
                        + "from any workstation.";
                case FAILED_TO_APPLY -> "Some objects were refused; see the log. Fix the cause and run again.";
                case TIMED_OUT -> "Not every workload became ready in time; the problems above say why.";
                case NOT_RELOADED -> "Applied, but the new configuration is not running on every replica after the reload; the log says "
                        + "which and why. The Config panel can roll it back.";
            };
        }, step.endingProperty(), busy));
        ending.setWrapText(true);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        again.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(8, WizardForms.section("Workloads"), rows, WizardForms.section("Problems"), problems, WizardForms.section("Events"),
                events, WizardForms.section("Log"), log, new HBox(10, cancel, again), ending);
    }

    private static ListCell<String> wrapping(String styleClass) {
        ListCell<String> cell = new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.setPrefWidth(0);
        cell.getStyleClass().add(styleClass);
        return cell;
    }
}
