package io.promdeck.ui.install;

import io.promdeck.app.install.ApplyReport;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.StackParameters;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Uninstall from the console: lists exactly what will be deleted (read from the cluster by label), keeps the volume
 * claims (the data) unless ticked, and deletes only after the operator confirms with the count in the button.
 */
public final class UninstallDialog {

    private final Stage stage = new Stage();
    private final ListView<String> listing = new ListView<>();
    private final CheckBox volumes = new CheckBox("Also delete the volume claims (the stored metrics and silences are lost)");
    private final Button delete = new Button("Delete");
    private final Label status = new Label();
    private final Tasks tasks;
    private final InstallTarget target;
    private final StackParameters parameters;
    private final WizardModel model;

    UninstallDialog(Window owner, WizardModel model, Tasks tasks) {
        this.tasks = tasks;
        this.model = model;
        this.target = model.target().target().orElseThrow();
        this.parameters = model.target().inspectionProperty().get().existing().orElseThrow();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Uninstall " + parameters.instance() + " from " + parameters.namespace());
        listing.setId("uninstall-listing");
        listing.setPrefHeight(320);
        volumes.setId("uninstall-volumes");
        volumes.selectedProperty().addListener((obs, old, now) -> load());
        delete.setId("uninstall-confirm");
        delete.getStyleClass().add("danger");
        delete.setDisable(true);
        delete.setOnAction(e -> uninstall());
        Button close = new Button("Cancel");
        close.setId("uninstall-cancel");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        status.setId("uninstall-status");
        status.setWrapText(true);
        Label intro = new Label("These objects of instance '" + parameters.instance() + "' will be deleted. The namespace itself stays.");
        intro.setWrapText(true);
        VBox box = new VBox(10, intro, listing, volumes, status, new HBox(8, delete, close));
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box, 640, 520);
        io.promdeck.ui.common.Dialogs.style(scene, owner);
        stage.setScene(scene);
        load();
    }

    public void show() {
        stage.show();
    }

    private void load() {
        boolean withVolumes = volumes.isSelected();
        delete.setDisable(true);
        status.setText("Reading what is installed…");
        tasks.run(() -> target.uninstaller().names(parameters.namespace(), parameters.instance(), withVolumes))
                .onSuccess(this::showListing)
                .onError(error -> status.setText("Cannot read the installed objects: " + DialogService.sentence(error)))
                .start();
    }

    private void showListing(List<String> objects) {
        listing.getItems().setAll(objects);
        long claims = objects.stream().filter(o -> o.startsWith("PersistentVolumeClaim/")).count();
        status.setText(volumes.isSelected() ? claims + " volume claims will be deleted with their data."
                : "Volume claims are kept: installing again finds the data.");
        delete.setText("Delete " + objects.size() + " objects");
        delete.setDisable(objects.isEmpty());
    }

    private void uninstall() {
        boolean withVolumes = volumes.isSelected();
        delete.setDisable(true);
        volumes.setDisable(true);
        status.setText("Deleting…");
        tasks.run(() -> target.uninstaller().uninstall(parameters.namespace(), parameters.instance(), withVolumes,
                line -> tasks.ui().execute(() -> status.setText(line))))
                .onSuccess(this::finished)
                .onError(error -> {
                    status.setText("The uninstall stopped: " + DialogService.sentence(error));
                    model.audit().record(model.who(), model.where(), "stack.uninstall", parameters.namespace() + "/" + parameters.instance(),
                            "stopped: " + DialogService.sentence(error), java.util.Map.of());
                })
                .start();
    }

    private void finished(ApplyReport report) {
        model.audit().record(model.who(), model.where(), "stack.uninstall", parameters.namespace() + "/" + parameters.instance(),
                report.complete() ? "deleted " + report.deleted().size() + " objects" : report.failures().size() + " refused",
                java.util.Map.of("deleted", String.join(", ", report.deleted()), "volumes", volumes.isSelected() ? "deleted" : "kept"));
        status.setText(report.complete() ? "Deleted " + report.deleted().size() + " objects" + (volumes.isSelected() ? "." : "; volume claims kept.")
                : "Deleted " + report.deleted().size() + " objects; " + report.failures().size() + " refused: " + report.failures());
        listing.getItems().removeAll(report.deleted());
        model.target().inspectNamespace();
    }
}
