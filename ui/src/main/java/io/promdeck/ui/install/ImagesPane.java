package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Images step's view: registry mirror, pull secrets, and the list of images to copy for air-gapped clusters. */
final class ImagesPane {

    private ImagesPane() {
    }

    static Node build(WizardFields fields, ImagesStep step) {
        WizardForms form = new WizardForms(fields);
        TextField mirror = form.text("registry-mirror", Parameter.REGISTRY_MIRROR);
        mirror.setPromptText("registry.corp:5000/mirror (empty: pull from the public registries)");
        mirror.setPrefColumnCount(36);
        form.text("pull-secrets", Parameter.IMAGE_PULL_SECRETS).setPromptText("Secret names, comma-separated");
        ListView<String> images = new ListView<>(step.images());
        images.setId("wizard-images");
        images.setPrefHeight(220);
        Button copy = WizardForms.tip(new Button("Copy list", new FontIcon(Feather.COPY)), "Copy the image list to the clipboard");
        copy.setId("wizard-images-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(String.join("\n", step.images()) + "\n");
            Clipboard.getSystemClipboard().setContent(content);
        });
        return new VBox(10, WizardForms.section("Images"), form.grid(), WizardForms.section("Images the stack runs"), images, new HBox(8, copy),
                WizardForms.note("For an air-gapped cluster, copy these images into the mirror (with the mirror prefix shown) before "
                        + "installing."));
    }
}
