package io.promdeck.ui.install;

import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.StackParameters;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.AuditTrail;
import java.time.Clock;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The install wizard's coordinator: which step is shown, whether Next and Back are possible, and what entering a
 * step starts. Each step has its own model ({@link TargetStep}, {@link StorageStep}, {@link ImagesStep},
 * {@link ReviewStep}, {@link InstallStep}, {@link DoneStep}; Components and Alerting are fields only) over one
 * {@link WizardFields}, whose checks are {@code app/}'s. Nothing is written to the cluster before Install.
 */
public final class WizardModel implements AutoCloseable {

    /** The wizard's steps, in order, with the parameter section each edits (null for the others). */
    public enum Step {
        TARGET("Target", Parameter.Section.TARGET),
        COMPONENTS("Components", Parameter.Section.COMPONENTS),
        STORAGE("Storage", Parameter.Section.STORAGE),
        ALERTING("Alerting", Parameter.Section.ALERTING),
        IMAGES("Images", Parameter.Section.IMAGES),
        REVIEW("Review", null),
        INSTALL("Install", null),
        DONE("Done", null);

        private final String title;
        private final Parameter.Section section;

        Step(String title, Parameter.Section section) {
            this.title = title;
            this.section = section;
        }

        public String title() {
            return title;
        }

        public Parameter.Section section() {
            return section;
        }
    }

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.TARGET);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final WizardFields fields = new WizardFields(StackParameters.defaults("monitoring"));
    private final TargetStep target;
    private final StorageStep storage;
    private final ImagesStep images;
    private final ReviewStep review;
    private final InstallStep install;
    private final DoneStep done;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private AuditTrail audit = AuditTrail.none();

    public WizardModel(Tasks tasks, Clock clock, Map<String, String> environment) {
        target = new TargetStep(tasks, fields);
        storage = new StorageStep(tasks, fields, target::target, busy);
        images = new ImagesStep(tasks, fields);
        review = new ReviewStep(tasks, environment, busy);
        install = new InstallStep(tasks, clock, busy);
        done = new DoneStep(tasks, clock, fields, target::target, busy);
        BooleanBinding targetValid = target.valid();
        BooleanBinding reviewReady = review.ready();
        canGoNext = Bindings.createBooleanBinding(() -> {
            if (busy.get()) {
                return false;
            }
            Step s = step.get();
            return switch (s) {
                case TARGET -> targetValid.get();
                case COMPONENTS, STORAGE, ALERTING, IMAGES -> fields.problemCount(s.section()) == 0;
                case REVIEW -> reviewReady.get();
                case INSTALL -> install.endingProperty().get() == Installation.Ending.READY;
                case DONE -> false;
            };
        }, step, busy, fields.problems(), targetValid, reviewReady, install.endingProperty());
        canGoBack = Bindings.createBooleanBinding(() -> !busy.get() && step.get() != Step.TARGET && step.get() != Step.DONE, step, busy);
    }

    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        go(Step.values()[step.get().ordinal() + 1]);
    }

    public void back() {
        if (canGoBack.get()) {
            go(Step.values()[step.get().ordinal() - 1]);
        }
    }

    private void go(Step following) {
        if (step.get() == Step.IMAGES) {
            images.left();
        }
        step.set(following);
        switch (following) {
            case IMAGES -> images.entered();
            case REVIEW -> target.target().ifPresent(t -> review.run(t, fields.parameters(), fields.typedSecrets()));
            case INSTALL -> target.target().ifPresent(t -> install.run(t, review.renderedProperty().get(),
                    new InstallStep.Audit(audit, who(), where(), target.upgrade() ? "stack.upgrade" : "stack.install")));
            default -> { }
        }
    }

    /** From Done: back to the Target step, looking at the namespace again (an upgrade from now on). */
    public void restart() {
        if (busy.get()) {
            return;
        }
        install.reset();
        done.reset();
        step.set(Step.TARGET);
        target.inspectNamespace();
    }

    /** After a cancelled or failed run: review again (the plan shows what is left) and install from there. */
    public void retry() {
        if (busy.get() || step.get() != Step.INSTALL) {
            return;
        }
        go(Step.REVIEW);
    }

    /** Where installs, upgrades and uninstalls are recorded. */
    public void audit(AuditTrail trail) {
        this.audit = trail;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** Who acts, for the audit log: the kubeconfig user of the wizard's context, else the OS user. */
    String who() {
        KubeContext c = target.contextProperty().get();
        return c != null && c.user() != null && !c.user().isBlank() ? c.user() : System.getProperty("user.name", "unknown");
    }

    /** Where, for the audit log: "context / namespace". */
    String where() {
        KubeContext c = target.contextProperty().get();
        return (c == null ? "" : c.name()) + " / " + fields.text(Parameter.NAMESPACE).get().strip();
    }

    public BooleanBinding canGoNext() {
        return canGoNext;
    }

    public BooleanBinding canGoBack() {
        return canGoBack;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public WizardFields fields() {
        return fields;
    }

    public TargetStep target() {
        return target;
    }

    public StorageStep storage() {
        return storage;
    }

    public ImagesStep images() {
        return images;
    }

    public ReviewStep review() {
        return review;
    }

    public InstallStep install() {
        return install;
    }

    public DoneStep done() {
        return done;
    }

    /** Closes the wizard's connection (off the UI thread). */
    @Override
    public void close() {
        target.close();
    }
}
