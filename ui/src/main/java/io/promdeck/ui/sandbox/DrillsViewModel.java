package io.promdeck.ui.sandbox;

import io.promdeck.app.sandbox.Drill;
import io.promdeck.app.sandbox.Drills;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.ui.common.DialogService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Fault drills on the local stack: the drills it offers, what each should show, running and undoing them off the UI
 * thread, the ones in effect, the log, and each process' state.
 */
public final class DrillsViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One line of the log, as shown. */
    public record LogRow(String time, String action, String drill, String outcome) {
        static LogRow of(Drills.Entry e) {
            return new LogRow(TIME.format(e.at()), e.undo() ? "undo" : "run", e.drill().title(), e.outcome());
        }
    }

    /** One process of the stack now. */
    public record ProcessRow(String name, String state, String pid, String url) {
    }

    private final LocalStackModel stack;
    private final ObservableList<Drill> available = FXCollections.observableArrayList();
    private final ObservableList<Drill> inEffect = FXCollections.observableArrayList();
    private final ObservableList<LogRow> log = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> processes = FXCollections.observableArrayList();
    private final ObjectProperty<Drill> selected = new SimpleObjectProperty<>();
    private final StringProperty expectation = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Drills drills;

    public DrillsViewModel(LocalStackModel stack) {
        this.stack = stack;
        stack.runningProperty().addListener((obs, old, now) -> use(now));
        stack.receiverProperty().addListener((obs, old, now) -> use(stack.runningProperty().get()));
        selected.addListener((obs, old, drill) -> expectation.set(drill == null || drills == null ? ""
                : drill.expectation(stack.runningProperty().get().plan())));
        use(stack.runningProperty().get());
    }

    private void use(Sandbox sandbox) {
        Drills old = drills;
        if (old != null) {
            stack.tasks().executor().execute(old::close);
        }
        if (sandbox == null) {
            drills = null;
            available.clear();
            inEffect.clear();
            log.clear();
            processes.clear();
            return;
        }
        drills = new Drills(sandbox, Optional.ofNullable(stack.receiverProperty().get()), stack.clock());
        available.setAll(drills.available());
        refresh();
    }

    /** Reads the log, the drills in effect and each process' state (files and /proc) in the background. */
    public void refresh() {
        Drills current = drills;
        Sandbox sandbox = stack.runningProperty().get();
        if (current == null || sandbox == null) {
            return;
        }
        record Read(List<Drills.Entry> history, List<Drill> effect, List<Sandbox.MemberStatus> status) {
        }
        stack.tasks().run(() -> new Read(current.history(), current.inEffect(), sandbox.status())).onSuccess(read -> {
            if (current != drills) {
                return;
            }
            List<LogRow> newestFirst = new java.util.ArrayList<>(read.history().stream().map(LogRow::of).toList());
            java.util.Collections.reverse(newestFirst);
            log.setAll(newestFirst);
            inEffect.setAll(read.effect());
            io.promdeck.ui.common.Rows.update(processes, read.status().stream().map(s -> new ProcessRow(s.member().name(),
                    s.state().name().toLowerCase(java.util.Locale.ROOT), s.pid() <= 0 ? "" : s.state() == Sandbox.MemberStatus.State.STOPPED
                    ? "was " + s.pid() : Long.toString(s.pid()), s.member().url())).toList(),
                    ProcessRow::name);
        }).start();
    }

    /** Runs the selected drill. */
    public void run() {
        Drill drill = selected.get();
        if (drill != null) {
            act(drill, false);
        }
    }

    public void undo(Drill drill) {
        act(drill, true);
    }

    private void act(Drill drill, boolean undo) {
        Drills current = drills;
        if (current == null || busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        outcome.set((undo ? "Undoing: " : "Running: ") + drill.title() + "…");
        stack.tasks().run(() -> undo ? current.undo(drill) : current.run(drill)).onSuccess(entry -> {
            outcome.set((undo ? "Undone: " : "Done: ") + entry.outcome() + ".");
            stack.session().audit().record(undo ? "drill.undo" : "drill.run", drill.title(), entry.outcome(), java.util.Map.of());
            if (drill.kind() == Drill.Kind.WEBHOOK_FAILS) {
                stack.webhookFailingProperty().set(!undo);
            }
            stack.session().refreshNow();
        }).onError(e -> {
            outcome.set("");
            error.set(DialogService.sentence(e));
            stack.session().audit().record(undo ? "drill.undo" : "drill.run", drill.title(), "failed: " + error.get(), java.util.Map.of());
        }).andFinally(() -> {
            busy.set(false);
            refresh();
        }).start();
    }

    public ObservableList<Drill> available() {
        return available;
    }

    public ObservableList<Drill> inEffect() {
        return inEffect;
    }

    public ObservableList<LogRow> log() {
        return log;
    }

    public ObservableList<ProcessRow> processes() {
        return processes;
    }

    public ObjectProperty<Drill> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty expectationProperty() {
        return expectation;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}
