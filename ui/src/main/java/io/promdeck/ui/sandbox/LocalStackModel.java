package io.promdeck.ui.sandbox;

import io.promdeck.app.sandbox.LocalStacks;
import io.promdeck.app.sandbox.MissingPrograms;
import io.promdeck.app.sandbox.Notification;
import io.promdeck.app.sandbox.NotificationReceiver;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.Topology;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Future;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workstation's local stack as the console sees it: whether one runs, starting one (with each process' readiness
 * as progress, cancellable), opening it as the session, stopping it; and the console's notification receiver, which
 * must listen before the stack's Alertmanagers send their first notification. All blocking work runs on the shared
 * executor; properties change on the UI thread.
 */
public final class LocalStackModel implements AutoCloseable {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
            .withZone(java.time.ZoneId.systemDefault());
    private static final java.time.format.DateTimeFormatter SECONDS = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault());

    private final Tasks tasks;
    private final SessionModel session;
    private final LocalStacks stacks;
    private final Sandbox.Options options;
    private final Clock clock;
    private final ObjectProperty<Topology> topology = new SimpleObjectProperty<>(Topology.HA);
    private final ObjectProperty<Sandbox> running = new SimpleObjectProperty<>();
    private final ObjectProperty<NotificationReceiver> receiver = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty progress = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty installCommand = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty receiverProblem = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty webhookFailing = new SimpleBooleanProperty();
    private final ObjectProperty<Instant> startStarted = new SimpleObjectProperty<>();
    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();
    private Future<?> start;
    /** Bumped on every start, so progress of a cancelled start is dropped. */
    private long generation;

    public LocalStackModel(Tasks tasks, SessionModel session, LocalStacks stacks, Sandbox.Options options, Clock clock) {
        this.tasks = tasks;
        this.session = session;
        this.stacks = stacks;
        this.options = options;
        this.clock = clock;
    }

    /** Looks for a stack still running from an earlier console (and cleans up a stale record). */
    public void look() {
        tasks.run(this::find).onSuccess(this::show).onError(e -> error.set(DialogService.sentence(e))).start();
    }

    /** What was found, with its one-line summary read off the UI thread (it looks at each process). */
    private record Look(LocalStacks.Found found, String summary) {
    }

    private Look find() throws java.io.IOException {
        LocalStacks.Found found = stacks.find();
        return new Look(found, found.sandbox().map(LocalStackModel::summary).orElse(""));
    }

    private void show(Look look) {
        note.set(look.found().note());
        summary.set(look.summary());
        running.set(look.found().sandbox().orElse(null));
    }

    /** "A local stack runs: HA pair, started 10:02 — 9 of 9 processes running at 10:05:12." Reads /proc: not on the UI thread. */
    static String summary(Sandbox sandbox) {
        long up = sandbox.status().stream().filter(s -> s.state() == Sandbox.MemberStatus.State.RUNNING).count();
        return "A local stack runs: " + sandbox.topology().title() + ", started " + TIME.format(sandbox.started()) + " — " + up + " of "
                + sandbox.plan().members().size() + " processes running at " + SECONDS.format(java.time.Instant.now()) + ".";
    }

    /** As {@link #startOrOpen(Topology)} for a topology named on the command line; an unknown name is said where the offer is. */
    public void startOrOpen(String topologyName) {
        java.util.Optional<Topology> named = Topology.ofCliName(topologyName);
        if (named.isEmpty()) {
            error.set("--sandbox: '" + topologyName + "' is not one of " + java.util.Arrays.stream(Topology.values()).map(Topology::cliName)
                    .collect(java.util.stream.Collectors.joining(", ")) + ".");
            return;
        }
        startOrOpen(named.get());
    }

    /** Opens the running stack, or starts one of the chosen topology and opens it once every process is ready. */
    public void startOrOpen(Topology chosen) {
        topology.set(chosen);
        tasks.run(this::find).onSuccess(look -> {
            show(look);
            if (look.found().sandbox().isPresent()) {
                open();
            } else {
                start();
            }
        }).onError(e -> error.set(DialogService.sentence(e))).start();
    }

    /** Starts a stack of the chosen topology: the receiver first, then every process, then the session. */
    public void start() {
        if (busy.get()) {
            return;
        }
        Topology chosen = topology.get();
        long mine = ++generation;
        busy.set(true);
        error.set("");
        installCommand.set("");
        note.set("");
        fraction.set(0);
        progress.set("Starting the " + chosen.title() + "…");
        startStarted.set(clock.instant());
        start = tasks.run(() -> {
            NotificationReceiver listening = NotificationReceiver.start(0, tasks.executor(), clock);
            try {
                Sandbox sandbox = stacks.up(chosen, options.withReceiverPort(listening.port()), (sentence, ready, total) -> tasks.ui().execute(() -> {
                    if (mine == generation) {
                        progress.set(sentence);
                        fraction.set(total == 0 ? 0 : (double) ready / total);
                    }
                }));
                listening.forStack(sandbox.notificationsFile(), sandbox::alertmanagerOnPort);
                return new Started(sandbox, listening, summary(sandbox));
            } catch (Exception | Error e) {
                listening.close();
                throw e;
            }
        }).onSuccess(started -> {
            if (mine != generation) {
                started.receiver().close();
                return;
            }
            summary.set(started.summary());
            running.set(started.sandbox());
            useReceiver(started.receiver());
            progress.set("Ready in " + io.promdeck.app.http.Durations.words(started.sandbox().startup()));
            fraction.set(1);
            session.openSandbox(started.sandbox());
        }).onError(e -> {
            if (mine != generation) {
                return;
            }
            if (e instanceof LocalStacks.AlreadyRunning) {
                progress.set("");
                startOrOpen(chosen);
                return;
            }
            if (e instanceof MissingPrograms missing) {
                installCommand.set(missing.installCommand());
            }
            progress.set("");
            error.set(e instanceof InterruptedException ? "Cancelled: the processes started so far were stopped." : DialogService.sentence(e));
        }).andFinally(() -> {
            if (mine == generation) {
                busy.set(false);
                startStarted.set(null);
            }
        }).start();
    }

    private record Started(Sandbox sandbox, NotificationReceiver receiver, String summary) {
    }

    /** Gives up a start under way: it is interrupted, and stops what it started. */
    public void cancel() {
        if (start != null && busy.get()) {
            start.cancel(true);
            generation++;
            busy.set(false);
            startStarted.set(null);
            progress.set("");
            error.set("Cancelled: the processes started so far are being stopped.");
        }
    }

    /** Opens the stack found running: its receiver listens on the recorded port again, and it becomes the session. */
    public void open() {
        Sandbox sandbox = running.get();
        if (sandbox == null) {
            return;
        }
        error.set("");
        if (receiver.get() == null) {
            tasks.run(() -> {
                NotificationReceiver listening = NotificationReceiver.start(sandbox.plan().receiverPort(), tasks.executor(), clock);
                listening.forStack(sandbox.notificationsFile(), sandbox::alertmanagerOnPort);
                return listening;
            }).onSuccess(this::useReceiver).onError(e -> receiverProblem.set(DialogService.sentence(e))).start();
        }
        session.openSandbox(sandbox);
    }

    /** Stops the stack (closing the session if it is this stack's) and the receiver. */
    public void stop() {
        Sandbox sandbox = running.get();
        if (sandbox == null || busy.get()) {
            return;
        }
        if (session.sessionProperty().get() != null && session.sessionProperty().get().sandbox().isPresent()) {
            session.disconnect();
        }
        busy.set(true);
        progress.set("Stopping the local stack…");
        tasks.run(() -> {
            stacks.down();
            return true;
        }).onSuccess(done -> {
            running.set(null);
            summary.set("");
            closeReceiver();
            notifications.clear();
            progress.set("Stopped the local stack.");
        }).onError(e -> error.set(DialogService.sentence(e))).andFinally(() -> busy.set(false)).start();
    }

    private void useReceiver(NotificationReceiver listening) {
        closeReceiver();
        receiverProblem.set("");
        notifications.setAll(listening.notifications());
        listening.addListener(n -> tasks.ui().execute(() -> {
            if (receiver.get() == listening) {
                notifications.add(n);
            }
        }));
        webhookFailing.set(listening.failing());
        receiver.set(listening);
    }

    private void closeReceiver() {
        NotificationReceiver old = receiver.get();
        receiver.set(null);
        if (old != null) {
            tasks.executor().execute(old::close);
        }
    }

    /** The console closes: the receiver stops listening; the stack keeps running for the next console. */
    @Override
    public void close() {
        cancel();
        NotificationReceiver old = receiver.get();
        if (old != null) {
            old.close();
        }
    }

    public Clock clock() {
        return clock;
    }

    public Tasks tasks() {
        return tasks;
    }

    public SessionModel session() {
        return session;
    }

    public ObjectProperty<Topology> topologyProperty() {
        return topology;
    }

    public ReadOnlyObjectProperty<Sandbox> runningProperty() {
        return running;
    }

    public ReadOnlyObjectProperty<NotificationReceiver> receiverProperty() {
        return receiver;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** The command that installs the missing programs; "" when none is missing. */
    public ReadOnlyStringProperty installCommandProperty() {
        return installCommand;
    }

    /** What was cleaned up when looking for a stack ("" when nothing). */
    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    /** Why this console cannot receive the stack's notifications ("" when it does). */
    public ReadOnlyStringProperty receiverProblemProperty() {
        return receiverProblem;
    }

    /** Whether the receiver answers HTTP 500 (the webhook-fails drill), as last set from the UI thread. */
    public BooleanProperty webhookFailingProperty() {
        return webhookFailing;
    }

    /** One line about the running stack ("" when none). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyObjectProperty<Instant> startStartedProperty() {
        return startStarted;
    }

    public ObservableList<Notification> notifications() {
        return notifications;
    }
}
