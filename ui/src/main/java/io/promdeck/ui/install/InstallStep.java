package io.promdeck.ui.install;

import io.promdeck.app.install.InstallTarget;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.RenderedStack;
import io.promdeck.app.install.RolloutProgress;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Install step: applies the reviewed plan and follows the rollout, with its log, problems and the namespace's events. */
public final class InstallStep {

    /** How long the step follows the rollout before saying what is still missing. */
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(15);

    private final Tasks tasks;
    private final Clock clock;
    private final BooleanProperty busy;
    private final ObservableList<RolloutProgress.Workload> workloads = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObjectProperty<Installation.Ending> ending = new SimpleObjectProperty<>();
    private final AtomicBoolean cancel = new AtomicBoolean();

    InstallStep(Tasks tasks, Clock clock, BooleanProperty busy) {
        this.tasks = tasks;
        this.clock = clock;
        this.busy = busy;
    }

    /** Who acted and where, and which action, for the audit log. */
    record Audit(AuditTrail trail, String who, String where, String action) {
    }

    void run(InstallTarget t, RenderedStack stack, Audit audit) {
        cancel.set(false);
        busy.set(true);
        ending.set(null);
        workloads.clear();
        log.clear();
        problems.clear();
        events.clear();
        String target = stack.parameters().namespace() + "/" + stack.parameters().instance();
        tasks.run(() -> t.installation(clock).run(stack, ROLLOUT_TIMEOUT, cancel::get, new Installation.Listener() {
            @Override
            public void step(String line) {
                tasks.ui().execute(() -> log.add(line));
            }

            @Override
            public void progress(RolloutProgress progress) {
                tasks.ui().execute(() -> show(progress));
            }
        })).onSuccess(result -> {
            ending.set(result.ending());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("plan", result.plan().summary());
            details.put("applied", String.join(", ", result.applied().applied()));
            if (!result.applied().failures().isEmpty()) {
                details.put("refused", result.applied().failures().toString());
            }
            audit.trail().record(audit.who(), audit.where(), audit.action(), target,
                    result.ending().name().toLowerCase(Locale.ROOT).replace('_', ' '), details);
            if (!result.rollout().workloads().isEmpty()) {
                show(result.rollout());
            }
            result.applied().failures().forEach(failure -> problems.add("Refused: " + failure));
        }).onError(error -> {
            log.add("The install stopped: " + DialogService.sentence(error));
            ending.set(Installation.Ending.FAILED_TO_APPLY);
            audit.trail().record(audit.who(), audit.where(), audit.action(), target, "stopped: " + DialogService.sentence(error), Map.of());
        }).andFinally(() -> busy.set(false)).start();
    }

    private void show(RolloutProgress progress) {
        workloads.setAll(progress.workloads());
        problems.setAll(progress.problems());
        events.setAll(progress.events().stream().map(e -> (e.type() == null ? "" : e.type() + " ") + e.objectKind() + "/" + e.objectName()
                + " " + e.reason() + ": " + e.message()).toList());
    }

    /** Stops applying (between objects) or following the rollout; running the install again resumes. */
    public void cancel() {
        cancel.set(true);
    }

    void reset() {
        ending.set(null);
    }

    public ObservableList<RolloutProgress.Workload> workloads() {
        return workloads;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ObservableList<String> events() {
        return events;
    }

    public ReadOnlyObjectProperty<Installation.Ending> endingProperty() {
        return ending;
    }
}
