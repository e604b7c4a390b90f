package io.promdeck.ui.install;

import io.promdeck.app.install.Backend;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.HaInvariants;
import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Plan;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.Planner;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.app.install.StackParameters;
import io.promdeck.app.install.StackRenderer;
import io.promdeck.app.install.StackSecrets;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Review step: renders the stack, runs the HA invariants and promtool/amtool, and plans against the cluster —
 * every change with old → new values and how a real API server lets it be made, confirmed by a server-side dry run.
 * Install is possible when nothing failed and nothing would be refused.
 */
public final class ReviewStep {

    /** What a review computes off the UI thread. */
    private record Reviewed(RenderedStack stack, List<CheckResult> checks, Plan plan) {
    }

    private final Tasks tasks;
    private final Map<String, String> environment;
    private final BooleanProperty busy;
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ObservableList<PlanItem> plan = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<RenderedStack> rendered = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    ReviewStep(Tasks tasks, Map<String, String> environment, BooleanProperty busy) {
        this.tasks = tasks;
        this.environment = Map.copyOf(environment);
        this.busy = busy;
    }

    BooleanBinding ready() {
        return Bindings.createBooleanBinding(() -> rendered.get() != null && error.get().isEmpty() && checks.stream().noneMatch(CheckResult::failed)
                && plan.stream().noneMatch(i -> i.how() == PlanItem.How.REFUSED), rendered, error, checks, plan);
    }

    void run(InstallTarget t, StackParameters p, StackSecrets typed) {
        busy.set(true);
        rendered.set(null);
        checks.clear();
        plan.clear();
        error.set("");
        summary.set("Rendering, validating, comparing with the cluster and asking it for a dry run…");
        tasks.run(() -> {
            // Generated values (bundled S3 keys, Grafana's password) are created once and kept from the cluster on upgrade;
            // typed ones (an existing endpoint's keys, robot URLs) always win.
            StackSecrets secrets = t.state().secretsFor(p.namespace(), StackSecrets.generate(new SecureRandom())
                    .withRobots(typed.dingtalkRobotUrl(), typed.wechatRobotUrl()));
            if (p.backend() == Backend.THANOS_EXISTING_S3) {
                secrets = secrets.withS3Keys(typed.s3AccessKey(), typed.s3SecretKey());
            }
            RenderedStack stack = StackRenderer.render(p, secrets);
            List<CheckResult> results = new ArrayList<>(HaInvariants.check(stack));
            results.addAll(ToolChecks.find(environment, Optional.empty(), Optional.empty()).check(stack));
            Planner planner = t.planner();
            return new Reviewed(stack, results, planner.confirm(planner.plan(stack)));
        }).onSuccess(result -> {
            checks.setAll(result.checks());
            plan.setAll(result.plan().items());
            summary.set(result.plan().empty() ? "Nothing to change: the cluster already runs these parameters." : "Plan: " + result.plan().summary());
            rendered.set(result.stack());
        }).onError(e -> {
            error.set("The review could not be prepared: " + DialogService.sentence(e));
            summary.set("");
        }).andFinally(() -> busy.set(false)).start();
    }

    /** Items the review lists: changes (and notes) first; unchanged ones only on request. */
    public List<PlanItem> changes() {
        return plan.stream().filter(i -> i.action() != PlanItem.Action.UNCHANGED || !i.explanation().isEmpty()).toList();
    }

    public ObservableList<CheckResult> checks() {
        return checks;
    }

    public ObservableList<PlanItem> plan() {
        return plan;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyObjectProperty<RenderedStack> renderedProperty() {
        return rendered;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
