package io.promdeck.ui.install;

import io.promdeck.ui.session.SessionModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The install wizard's frame over a {@link WizardModel}: the steps as crumbs, one pane per step (each its own class,
 * built on its step model), and Back / Next bound to the coordinator. Each field shows its own problem under it.
 */
public final class WizardView {

    private final BorderPane root = new BorderPane();
    private final WizardModel model;
    private final Map<WizardModel.Step, Node> pages = new EnumMap<>(WizardModel.Step.class);
    private final StackPane center = new StackPane();
    private final HBox crumbs = new HBox(6);

    public WizardView(WizardModel model, SessionModel session, Supplier<Window> owner, Runnable openOverview) {
        this.model = model;
        root.getStyleClass().add("wizard");
        pages.put(WizardModel.Step.TARGET, TargetPane.build(model, session, owner));
        pages.put(WizardModel.Step.COMPONENTS, ComponentsPane.build(model.fields()));
        pages.put(WizardModel.Step.STORAGE, StoragePane.build(model.fields(), model.storage(), model.busyProperty()));
        pages.put(WizardModel.Step.ALERTING, AlertingPane.build(model.fields()));
        pages.put(WizardModel.Step.IMAGES, ImagesPane.build(model.fields(), model.images()));
        pages.put(WizardModel.Step.REVIEW, ReviewPane.build(model.review(), session.tasks(), owner));
        pages.put(WizardModel.Step.INSTALL, InstallPane.build(model.install(), model.busyProperty(), model::retry));
        pages.put(WizardModel.Step.DONE, DonePane.build(model, openOverview));
        crumbs.setId("wizard-steps");
        crumbs.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Install the HA stack");
        title.getStyleClass().add("panel-title");
        VBox top = new VBox(6, title, crumbs);
        top.setPadding(new Insets(16, 16, 8, 16));
        root.setTop(top);
        ScrollPane scroll = new ScrollPane(center);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        center.setPadding(new Insets(8, 16, 8, 16));
        root.setCenter(scroll);
        root.setBottom(footer());
        model.stepProperty().addListener((obs, old, now) -> show(now));
        show(model.stepProperty().get());
    }

    public Node root() {
        return root;
    }

    private void show(WizardModel.Step step) {
        center.getChildren().setAll(pages.get(step));
        crumbs.getChildren().clear();
        for (WizardModel.Step s : WizardModel.Step.values()) {
            Label crumb = new Label((s.ordinal() + 1) + " " + s.title());
            crumb.getStyleClass().add(s == step ? "crumb-current" : s.ordinal() < step.ordinal() ? "crumb-done" : "crumb");
            crumbs.getChildren().add(crumb);
            if (s != WizardModel.Step.DONE) {
                crumbs.getChildren().add(new Label("›"));
            }
        }
    }

    private Node footer() {
        Button back = WizardForms.tip(new Button("_Back", new FontIcon(Feather.CHEVRON_LEFT)), "The previous step (values stay)");
        back.setId("wizard-back");
        back.disableProperty().bind(model.canGoBack().not());
        back.setOnAction(e -> model.back());
        Button next = new Button("Next", new FontIcon(Feather.CHEVRON_RIGHT));
        next.setId("wizard-next");
        next.setDefaultButton(true);
        next.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stepProperty().get()) {
            case REVIEW -> model.target().upgrade() ? "Upgrade" : "Install";
            case INSTALL -> "Finish";
            default -> "Next";
        }, model.stepProperty(), model.target().inspectionProperty()));
        next.disableProperty().bind(model.canGoNext().not());
        next.visibleProperty().bind(model.stepProperty().isNotEqualTo(WizardModel.Step.DONE));
        next.setOnAction(e -> model.next());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        Label blocking = new Label();
        blocking.setId("wizard-blocking");
        blocking.getStyleClass().add("field-error");
        blocking.textProperty().bind(Bindings.createStringBinding(() -> {
            WizardModel.Step s = model.stepProperty().get();
            long count = s.section() == null ? 0 : model.fields().problemCount(s.section());
            return count == 0 ? "" : count == 1 ? "1 field needs attention" : count + " fields need attention";
        }, model.stepProperty(), model.fields().problems()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, blocking, spacer, spinner, back, next);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 16, 12, 16));
        bar.getStyleClass().add("wizard-footer");
        return bar;
    }
}
