package io.promdeck.ui.install;

import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.StorageClassInfo;
import io.promdeck.ui.common.Labels;
import io.promdeck.ui.session.SessionModel;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Target step's view: context, namespace (with the preflight's verdict), instance, cluster label, StorageClass. */
final class TargetPane {

    private TargetPane() {
    }

    static Node build(WizardModel model, SessionModel session, Supplier<Window> owner) {
        TargetStep step = model.target();
        WizardFields fields = model.fields();
        ComboBox<KubeContext> context = new ComboBox<>(session.contexts());
        context.setId("wizard-context");
        context.setPromptText("kubeconfig context");
        context.setCellFactory(l -> Labels.cell(c -> c.name() + "  ·  " + c.server()));
        context.setButtonCell(Labels.cell(c -> c.name() + "  ·  " + c.server()));
        context.valueProperty().addListener((obs, old, c) -> step.chooseContext(session.kubeconfigProperty().get(), c));

        ComboBox<String> namespace = new ComboBox<>(step.namespaces());
        namespace.setId("wizard-namespace");
        namespace.setEditable(true);
        namespace.getEditor().textProperty().bindBidirectional(fields.text(Parameter.NAMESPACE));
        namespace.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                fields.text(Parameter.NAMESPACE).set(v);
            }
        });
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> step.inspectNamespace());
        fields.text(Parameter.NAMESPACE).addListener((obs, old, now) -> settle.playFromStart());

        ComboBox<String> storageClass = new ComboBox<>();
        storageClass.setId("wizard-storage-class");
        storageClass.getItems().add("");
        step.storageClasses().addListener((ListChangeListener<StorageClassInfo>) c -> {
            String keep = fields.text(Parameter.STORAGE_CLASS).get();
            storageClass.getItems().setAll("");
            step.storageClasses().forEach(s -> storageClass.getItems().add(s.name()));
            storageClass.setValue(keep);
        });
        storageClass.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                if (name == null || name.isEmpty()) {
                    return "cluster default" + step.storageClasses().stream().filter(StorageClassInfo::isDefault).findFirst()
                            .map(s -> " (" + s.name() + ")").orElse(step.storageClasses().isEmpty() ? "" : " (none marked default)");
                }
                return step.storageClasses().stream().filter(s -> s.name().equals(name)).findFirst().map(StorageClassInfo::label).orElse(name);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        storageClass.valueProperty().bindBidirectional(fields.text(Parameter.STORAGE_CLASS));

        Label status = new Label();
        status.setId("wizard-target-status");
        status.setWrapText(true);
        status.textProperty().bind(step.statusProperty());
        Label targetProblem = WizardForms.error("wizard-target-error", step.problemProperty());
        Button uninstall = new Button("Uninstall…", new FontIcon(Feather.TRASH_2));
        uninstall.setId("wizard-uninstall");
        uninstall.visibleProperty().bind(Bindings.createBooleanBinding(step::upgrade, step.inspectionProperty()));
        uninstall.managedProperty().bind(uninstall.visibleProperty());
        uninstall.setOnAction(e -> new UninstallDialog(owner.get(), model, session.tasks()).show());

        WizardForms form = new WizardForms(fields);
        form.add("Context", context, null);
        form.add("Namespace", namespace, form.error("namespace", Parameter.NAMESPACE));
        form.text("instance", Parameter.INSTANCE);
        form.text("cluster", Parameter.CLUSTER);
        form.add("StorageClass", storageClass, form.error("storage-class", Parameter.STORAGE_CLASS));
        form.text("cluster-domain", Parameter.CLUSTER_DOMAIN).setPromptText(io.promdeck.app.install.StackParameters.DEFAULT_CLUSTER_DOMAIN);
        return new VBox(10, WizardForms.section("Where the stack goes"), form.grid(), status, targetProblem, uninstall);
    }
}
