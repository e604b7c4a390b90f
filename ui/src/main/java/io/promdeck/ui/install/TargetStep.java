package io.promdeck.ui.install;

import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.ConnectionCheck;
import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.app.install.StorageClassInfo;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Target step: the wizard's own connection for the chosen context (installing into one cluster never disturbs
 * the session shown in the panels), its StorageClasses and namespaces, the RBAC preflight of the namespace typed and
 * whether a stack is installed there (then the fields show the installed values: an upgrade).
 */
public final class TargetStep {

    /** What the Target step reads off the UI thread when a context is chosen. */
    private record Opened(ClusterConnection connection, InstallTarget target, List<StorageClassInfo> classes, List<String> namespaces) {
    }

    /** What the preflight of a namespace found, and the installed secrets when it holds a stack. */
    private record Inspected(InstallTarget.Inspection inspection, StackSecrets installed) {
    }

    private final Tasks tasks;
    private final WizardFields fields;
    private final ObjectProperty<KubeContext> context = new SimpleObjectProperty<>();
    private final ObservableList<StorageClassInfo> storageClasses = FXCollections.observableArrayList();
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObjectProperty<InstallTarget.Inspection> inspection = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Choose a context.");
    private final StringBinding problem;
    private ClusterConnection connection;
    private InstallTarget target;
    private long generation;

    TargetStep(Tasks tasks, WizardFields fields) {
        this.tasks = tasks;
        this.fields = fields;
        problem = Bindings.createStringBinding(this::computeProblem, context, inspection, status, fields.text(Parameter.NAMESPACE));
    }

    /** Why the target cannot be used yet, or "". */
    private String computeProblem() {
        if (context.get() == null) {
            return "Choose the kubeconfig context to install into.";
        }
        InstallTarget.Inspection seen = inspection.get();
        if (seen == null || !seen.namespace().equals(fields.text(Parameter.NAMESPACE).get().strip())) {
            return status.get().isEmpty() ? "Checking access…" : status.get();
        }
        if (!seen.canInstall()) {
            return "You cannot install into " + seen.namespace() + " with this context: missing " + seen.missing() + ".";
        }
        return "";
    }

    public StringBinding problemProperty() {
        return problem;
    }

    BooleanBinding valid() {
        return Bindings.createBooleanBinding(() -> problem.get().isEmpty() && fields.problemCount(Parameter.Section.TARGET) == 0, problem,
                fields.problems());
    }

    /** Opens the wizard's own connection for {@code chosen} and reads what the step lists. */
    public void chooseContext(Kubeconfig kubeconfig, KubeContext chosen) {
        long mine = ++generation;
        ClusterConnection old = connection;
        connection = null;
        target = null;
        context.set(chosen);
        inspection.set(null);
        storageClasses.clear();
        namespaces.clear();
        if (chosen == null) {
            status.set("Choose a context.");
            close(old);
            return;
        }
        StringProperty namespace = fields.text(Parameter.NAMESPACE);
        if (chosen.namespace() != null && !chosen.namespace().isBlank() && !"default".equals(chosen.namespace())
                && StackParameters.defaults("monitoring").namespace().equals(namespace.get())) {
            namespace.set(chosen.namespace());
        }
        status.set("Connecting to " + chosen.server() + "…");
        tasks.run(() -> {
            if (old != null) {
                old.close();
            }
            ClusterConnection opened = new ClusterConnection(kubeconfig.login(chosen.name()));
            ConnectionCheck check = opened.check();
            if (check instanceof ConnectionCheck.Failed failed) {
                opened.close();
                throw new IllegalStateException(failed.problem().message());
            }
            InstallTarget t = InstallTarget.of(opened, tasks.executor());
            List<StorageClassInfo> classes;
            try {
                classes = t.storageClasses();
            } catch (RuntimeException e) {
                classes = List.of();
            }
            return new Opened(opened, t, classes, t.namespaces());
        }).onSuccess(opened -> {
            if (mine != generation) {
                tasks.executor().execute(opened.connection()::close);
                return;
            }
            connection = opened.connection();
            target = opened.target();
            storageClasses.setAll(opened.classes());
            namespaces.setAll(opened.namespaces());
            inspectNamespace();
        }).onError(error -> {
            if (mine == generation) {
                status.set("Cannot use " + chosen.name() + ": " + DialogService.sentence(error));
            }
        }).start();
    }

    /** Runs the RBAC preflight and looks for an install in the namespace typed (when it is a valid name). */
    public void inspectNamespace() {
        String namespace = fields.text(Parameter.NAMESPACE).get().strip();
        if (target == null || fields.problems().containsKey(Parameter.NAMESPACE)) {
            return;
        }
        long mine = ++generation;
        InstallTarget t = target;
        inspection.set(null);
        status.set("Checking what you may do in " + namespace + "…");
        tasks.run(() -> {
            InstallTarget.Inspection found = t.inspect(namespace);
            return new Inspected(found, found.existing().isPresent() ? t.state().generatedSecrets(namespace) : null);
        }).onSuccess(result -> {
            if (mine != generation) {
                return;
            }
            InstallTarget.Inspection found = result.inspection();
            if (found.existing().isPresent()) {
                StackParameters installed = found.existing().get();
                fields.load(installed, result.installed());
                status.set("Upgrade: instance '" + installed.instance() + "' is installed in " + namespace
                        + ". The values shown are the installed ones; the review shows only what changes.");
            } else {
                status.set((found.exists() ? "Namespace " + namespace + " exists and has no Promdeck stack"
                        : "Namespace " + namespace + " will be created") + (found.canInstall() ? "; you may install there." : "."));
            }
            inspection.set(found);
        }).onError(error -> {
            if (mine == generation) {
                status.set("Cannot check access to " + namespace + ": " + DialogService.sentence(error));
            }
        }).start();
    }

    public boolean upgrade() {
        return inspection.get() != null && inspection.get().existing().isPresent();
    }

    public Optional<InstallTarget> target() {
        return Optional.ofNullable(target);
    }

    public ReadOnlyObjectProperty<KubeContext> contextProperty() {
        return context;
    }

    public ObservableList<StorageClassInfo> storageClasses() {
        return storageClasses;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ReadOnlyObjectProperty<InstallTarget.Inspection> inspectionProperty() {
        return inspection;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    private void close(ClusterConnection old) {
        if (old != null) {
            tasks.executor().execute(old::close);
        }
    }

    /** Closes the wizard's connection (off the UI thread). */
    void close() {
        generation++;
        ClusterConnection old = connection;
        connection = null;
        target = null;
        close(old);
    }
}
