package io.promdeck.ui.install;

import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Storage step: the backend, retention and volumes (fields), and the in-cluster test of an existing S3 endpoint. */
public final class StorageStep {

    private final Tasks tasks;
    private final WizardFields fields;
    private final Supplier<java.util.Optional<InstallTarget>> target;
    private final BooleanProperty busy;
    private final StringProperty testResult = new SimpleStringProperty("");
    private final BooleanProperty testOk = new SimpleBooleanProperty();
    private final AtomicBoolean cancel = new AtomicBoolean();

    StorageStep(Tasks tasks, WizardFields fields, Supplier<java.util.Optional<InstallTarget>> target, BooleanProperty busy) {
        this.tasks = tasks;
        this.fields = fields;
        this.target = target;
        this.busy = busy;
    }

    /** Runs the in-cluster connection test of the existing S3 endpoint. */
    public void testS3() {
        InstallTarget t = target.get().orElse(null);
        if (t == null || busy.get()) {
            return;
        }
        for (Parameter p : List.of(Parameter.S3_ENDPOINT, Parameter.BUCKET, Parameter.S3_ACCESS_KEY, Parameter.S3_SECRET_KEY, Parameter.NAMESPACE)) {
            if (fields.problems().containsKey(p)) {
                testOk.set(false);
                testResult.set("Fill in the endpoint, bucket and keys first.");
                return;
            }
        }
        StackParameters p = fields.parameters();
        StackSecrets secrets = fields.typedSecrets();
        cancel.set(false);
        busy.set(true);
        testOk.set(false);
        testResult.set("Starting the test Job…");
        tasks.run(() -> t.s3Test().run(p, secrets, Duration.ofSeconds(90), cancel::get, line -> tasks.ui().execute(() -> testResult.set(line))))
                .onSuccess(outcome -> {
                    testOk.set(outcome.reachable());
                    testResult.set(outcome.sentence());
                })
                .onError(error -> testResult.set("The test could not run: " + DialogService.sentence(error)))
                .andFinally(() -> busy.set(false))
                .start();
    }

    public void cancelS3Test() {
        cancel.set(true);
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult;
    }

    public ReadOnlyBooleanProperty testOkProperty() {
        return testOk;
    }
}
