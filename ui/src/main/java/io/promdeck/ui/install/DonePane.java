package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import io.promdeck.ui.common.Labels;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Done step's view: the test alert, the way to the panels, and the way back for an upgrade. */
final class DonePane {

    private DonePane() {
    }

    static Node build(WizardModel model, Runnable openOverview) {
        DoneStep step = model.done();
        Label done = new Label();
        done.setId("wizard-done");
        done.setWrapText(true);
        done.textProperty().bind(Bindings.createStringBinding(() -> "The stack runs in " + model.fields().text(Parameter.NAMESPACE).get()
                + ". Send a test alert to check that notifications reach the webhook, then open the panels.", model.fields().text(Parameter.NAMESPACE)));
        Button send = new Button("Send test alert", new FontIcon(Feather.SEND));
        send.setId("wizard-test-alert");
        send.disableProperty().bind(model.busyProperty());
        send.setOnAction(e -> step.sendTestAlert());
        Label result = Labels.verdict("wizard-test-alert-result", step.resultProperty(), step.okProperty());
        Button overview = new Button("Open the Overview", new FontIcon(Feather.HOME));
        overview.setId("wizard-open-overview");
        overview.setOnAction(e -> openOverview.run());
        Button again = new Button("Run the wizard again (upgrade)", new FontIcon(Feather.ROTATE_CCW));
        again.setId("wizard-restart");
        again.setOnAction(e -> model.restart());
        return new VBox(12, WizardForms.section("Installed"), done, send, result, new HBox(10, overview, again));
    }
}
