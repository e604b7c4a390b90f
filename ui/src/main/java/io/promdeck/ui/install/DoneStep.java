package io.promdeck.ui.install;

import io.promdeck.app.alertmanager.SyntheticAlert;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.StackParameters;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Done step: a test alert sent through the pod proxy, judged by Alertmanager's own counters. */
public final class DoneStep {

    private final Tasks tasks;
    private final Clock clock;
    private final WizardFields fields;
    private final Supplier<Optional<InstallTarget>> target;
    private final BooleanProperty busy;
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty ok = new SimpleBooleanProperty();

    DoneStep(Tasks tasks, Clock clock, WizardFields fields, Supplier<Optional<InstallTarget>> target, BooleanProperty busy) {
        this.tasks = tasks;
        this.clock = clock;
        this.fields = fields;
        this.target = target;
        this.busy = busy;
    }

    public void sendTestAlert() {
        InstallTarget t = target.get().orElse(null);
        if (busy.get() || t == null) {
            return;
        }
        StackParameters p = fields.parameters();
        busy.set(true);
        ok.set(false);
        result.set("Sending a test alert to Alertmanager…");
        tasks.run(() -> t.sendTestAlert(p, clock, () -> false, line -> tasks.ui().execute(() -> result.set(line))))
                .onSuccess(outcome -> {
                    ok.set(outcome.verdict() == SyntheticAlert.Verdict.DELIVERED);
                    result.set(outcome.sentence());
                })
                .onError(error -> result.set("The test alert could not be sent: " + DialogService.sentence(error)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    void reset() {
        result.set("");
    }

    public ReadOnlyStringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty okProperty() {
        return ok;
    }
}
