package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackRenderer;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.ui.common.Tasks;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Images step: mirror and pull secrets (fields), and the images the stack runs with the mirror as typed. */
public final class ImagesStep {

    private final Tasks tasks;
    private final WizardFields fields;
    private final ObservableList<String> images = FXCollections.observableArrayList();
    private boolean active;

    ImagesStep(Tasks tasks, WizardFields fields) {
        this.tasks = tasks;
        this.fields = fields;
        fields.text(Parameter.REGISTRY_MIRROR).addListener((obs, old, now) -> {
            if (active) {
                refresh();
            }
        });
    }

    void entered() {
        active = true;
        refresh();
    }

    void left() {
        active = false;
    }

    /** Renders off the UI thread; the list stays as it was while the parameters have a problem. */
    private void refresh() {
        if (!fields.problems().isEmpty()) {
            return;
        }
        StackParameters p = fields.parameters();
        tasks.run(() -> StackRenderer.render(p, new StackSecrets("", "", "", "", "")).images()).onSuccess(images::setAll).onError(e -> { }).start();
    }

    public ObservableList<String> images() {
        return images;
    }
}
