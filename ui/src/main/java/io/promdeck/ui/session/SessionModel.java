package io.promdeck.ui.session;

import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.app.transport.TransportMode;
import io.promdeck.ui.common.DialogService;
import io.promdeck.ui.common.Tasks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open session and everything panels read from it, as properties updated on the UI thread. Loading the
 * kubeconfig, connecting and opening profiles run on the shared executor.
 */
public final class SessionModel {

    private final Tasks tasks;
    private final SessionOpener opener;
    private final KubeconfigResolver resolver;
    private final ObservableList<KubeContext> contexts = FXCollections.observableArrayList();
    /** The kubeconfig's current context once loaded (the connect screen preselects it); null when it names none. */
    private final ObjectProperty<String> currentContext = new SimpleObjectProperty<>();
    /** The transport chosen per context, as remembered in the settings folder. */
    private final javafx.collections.ObservableMap<String, TransportMode> transportChoices = FXCollections.observableHashMap();
    private final ObjectProperty<Kubeconfig> kubeconfig = new SimpleObjectProperty<>();
    private final ObjectProperty<KubeconfigException> kubeconfigProblem = new SimpleObjectProperty<>();
    private final ObjectProperty<StackSession> session = new SimpleObjectProperty<>();
    private final ObjectProperty<StackState> state = new SimpleObjectProperty<>();
    private final ObjectProperty<NamespaceSnapshot> pods = new SimpleObjectProperty<>();
    private final ObjectProperty<ConnectionHealth> health = new SimpleObjectProperty<>(new ConnectionHealth(ConnectionHealth.Level.NOT_CONNECTED, ""));
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty connectError = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<Instant> connectStarted = new SimpleObjectProperty<>();
    private final Clock clock;
    /** Bumped on every connect so answers of an older session are dropped. */
    private long generation;
    private AuditTrail audit = AuditTrail.none();

    public SessionModel(Tasks tasks, SessionOpener opener, KubeconfigResolver resolver, Clock clock) {
        this.tasks = tasks;
        this.opener = opener;
        this.resolver = resolver;
        this.clock = clock;
    }

    public void loadKubeconfig() {
        tasks.run(() -> new LoadedKubeconfig(resolver.load(), remembered())).onSuccess(loaded -> {
            kubeconfig.set(loaded.kubeconfig());
            kubeconfigProblem.set(null);
            transportChoices.clear();
            transportChoices.putAll(loaded.transports());
            contexts.setAll(loaded.kubeconfig().contexts());
            currentContext.set(loaded.kubeconfig().currentContext().orElse(null));
        }).onError(error -> {
            kubeconfig.set(null);
            contexts.clear();
            currentContext.set(null);
            kubeconfigProblem.set(error instanceof KubeconfigException k ? k
                    : new KubeconfigException(KubeconfigException.Kind.UNREADABLE, DialogService.sentence(error)));
        }).start();
    }

    private record LoadedKubeconfig(Kubeconfig kubeconfig, java.util.Map<String, TransportMode> transports) {
    }

    /** The remembered transports; an unreadable settings folder only loses the choices, never the kubeconfig. */
    private java.util.Map<String, TransportMode> remembered() {
        try {
            return opener.transportChoices();
        } catch (java.io.IOException e) {
            return java.util.Map.of();
        }
    }

    public void connect(String context, String namespace) {
        connect(context, namespace, Optional.ofNullable(transportChoices.get(context)));
    }

    /**
     * Connects with the transport chosen in the connect screen (empty: automatic, from the RBAC preflight), and
     * remembers that choice for the context.
     */
    public void connect(String context, String namespace, Optional<TransportMode> transport) {
        Kubeconfig config = kubeconfig.get();
        if (config == null) {
            return;
        }
        transport.ifPresentOrElse(t -> transportChoices.put(context, t), () -> transportChoices.remove(context));
        open(listeners -> {
            try {
                opener.saveTransportChoice(context, transport);
            } catch (java.io.IOException e) {
                listeners.progress().accept("Could not remember the transport for " + context + ": " + e.getMessage());
            }
            return opener.open(config, context, namespace, transport, listeners);
        });
    }

    /** The transport remembered for a context; empty means automatic. */
    public Optional<TransportMode> transportChoice(String context) {
        return Optional.ofNullable(transportChoices.get(context));
    }

    public ReadOnlyObjectProperty<String> currentContextProperty() {
        return currentContext;
    }

    public void openProfile(Path file) {
        open(listeners -> opener.openProfile(file, listeners));
    }

    /** Opening something that needs no kubeconfig: the old session is closed first, progress and errors as for a context. */
    @FunctionalInterface
    private interface Opening {
        StackSession open(SessionOpener.Listeners listeners) throws Exception;
    }

    private void open(Opening opening) {
        if (busy.get()) {
            return;
        }
        StackSession old = session.get();
        long mine = beginConnect();
        tasks.run(() -> {
            closeQuietly(old);
            return opening.open(listeners(mine));
        })
                .onSuccess(opened -> accept(mine, opened))
                .onError(error -> fail(mine, error))
                .andFinally(() -> finish(mine))
                .start();
    }

    /** Opens a local stack on this workstation (started or found by the local-stack model). */
    public void openSandbox(io.promdeck.app.sandbox.Sandbox sandbox) {
        open(listeners -> opener.openSandbox(sandbox, listeners));
    }

    /**
     * Gives up the connection attempt under way: the screen is free at once and says how long it waited; the attempt
     * itself ends in the background (each of its steps has a timeout) and whatever it opened is closed.
     */
    public void cancelConnect() {
        if (!busy.get()) {
            return;
        }
        String step = progress.get();
        String waited = waited();
        generation++;
        busy.set(false);
        connectStarted.set(null);
        progress.set("");
        connectError.set("Cancelled after " + waited + (step.isBlank() ? "." : " while " + lowerFirst(step.replace("…", "")) + "."));
        health.set(new ConnectionHealth(ConnectionHealth.Level.NOT_CONNECTED, ""));
    }

    private void finish(long mine) {
        if (mine == generation) {
            busy.set(false);
            connectStarted.set(null);
        }
    }

    private String waited() {
        Instant started = connectStarted.get();
        return started == null ? "0 s" : io.promdeck.app.http.Durations.words(java.time.Duration.between(started, clock.instant()));
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The old session is closed before the new one opens, on the same background thread: they never overlap. */
    private static void closeQuietly(StackSession old) {
        if (old != null) {
            old.close();
        }
    }

    private long beginConnect() {
        detach();
        busy.set(true);
        connectStarted.set(clock.instant());
        connectError.set("");
        health.set(new ConnectionHealth(ConnectionHealth.Level.CONNECTING, ""));
        return ++generation;
    }

    /** The newest state not yet handed to the FX thread (null when none waits). */
    private final java.util.concurrent.atomic.AtomicReference<StackState> latest = new java.util.concurrent.atomic.AtomicReference<>();

    private SessionOpener.Listeners listeners(long mine) {
        return new SessionOpener.Listeners(
                text -> tasks.ui().execute(() -> {
                    if (mine == generation) {
                        progress.set(text);
                    }
                }),
                newState -> {
                    // Latest wins: states arriving while the FX thread has not yet taken the last one replace it, so
                    // a busy FX thread never queues up states (each holds every peer's alerts and silences).
                    if (latest.getAndSet(newState) == null) {
                        tasks.ui().execute(() -> {
                            StackState next = latest.getAndSet(null);
                            if (mine == generation && next != null) {
                                state.set(next);
                                health.set(ConnectionHealth.of(next, clock.instant()));
                            }
                        });
                    }
                },
                snapshot -> tasks.ui().execute(() -> {
                    if (mine == generation) {
                        pods.set(snapshot);
                    }
                }));
    }

    private void accept(long mine, StackSession opened) {
        if (mine != generation) {
            tasks.executor().execute(opened::close);
            return;
        }
        session.set(opened);
        progress.set("");
    }

    private void fail(long mine, Throwable error) {
        if (mine != generation) {
            return;
        }
        String sentence = DialogService.sentence(error);
        connectError.set(sentence + (sentence.endsWith(".") ? "" : ".") + " (after " + waited() + ")");
        progress.set("");
        health.set(new ConnectionHealth(ConnectionHealth.Level.UNREACHABLE, sentence));
    }

    /**
     * Saves a discovery override for the connected context and connects again so it takes effect. A selector that is
     * not label=value pairs is refused with the reason in {@code error}, and nothing is saved.
     */
    public void saveOverride(io.promdeck.app.cluster.Component component, String selector, java.util.function.Consumer<String> error) {
        StackSession current = session.get();
        if (current == null || current.connection().isEmpty()) {
            error.accept("Connect to a context first.");
            return;
        }
        String context = current.connection().get().context().name();
        String namespace = current.discovered().map(d -> d.namespace()).orElse(current.connection().get().context().namespace());
        try {
            if (selector != null && !selector.isBlank()) {
                io.promdeck.app.cluster.StackDiscovery.parseSelector(selector);
            }
        } catch (IllegalArgumentException e) {
            error.accept(e.getMessage());
            return;
        }
        error.accept("");
        tasks.run(() -> {
            opener.saveOverride(context, component, selector);
            return true;
        }).onSuccess(saved -> connect(context, namespace)).onError(e -> error.accept(DialogService.sentence(e))).start();
    }

    /** Closes the session off the UI thread (informers and forwards take a moment to stop). */
    public void disconnect() {
        StackSession old = session.get();
        detach();
        if (old != null) {
            tasks.executor().execute(old::close);
        }
    }

    /** Forgets the session on screen; whoever detaches closes it. */
    private void detach() {
        generation++;
        session.set(null);
        state.set(null);
        pods.set(null);
        health.set(new ConnectionHealth(ConnectionHealth.Level.NOT_CONNECTED, ""));
    }

    /** Refreshes every panel now; without a session, reads the kubeconfig again (it may have appeared). */
    public void refreshNow() {
        StackSession current = session.get();
        if (current != null) {
            tasks.executor().execute(() -> current.monitor().refreshNow());
        } else if (!busy.get()) {
            loadKubeconfig();
        }
    }

    public Tasks tasks() {
        return tasks;
    }

    /** Where the console's actions are recorded (set by the composition root). */
    public AuditTrail audit() {
        return audit;
    }

    public void audit(AuditTrail trail) {
        this.audit = trail;
    }

    public ObservableList<KubeContext> contexts() {
        return contexts;
    }

    public ReadOnlyObjectProperty<Kubeconfig> kubeconfigProperty() {
        return kubeconfig;
    }

    public ReadOnlyObjectProperty<KubeconfigException> kubeconfigProblemProperty() {
        return kubeconfigProblem;
    }

    public ReadOnlyObjectProperty<StackSession> sessionProperty() {
        return session;
    }

    public ReadOnlyObjectProperty<StackState> stateProperty() {
        return state;
    }

    public ReadOnlyObjectProperty<NamespaceSnapshot> podsProperty() {
        return pods;
    }

    public ReadOnlyObjectProperty<ConnectionHealth> healthProperty() {
        return health;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty connectErrorProperty() {
        return connectError;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** When the connection attempt under way started; null when none is. */
    public ReadOnlyObjectProperty<Instant> connectStartedProperty() {
        return connectStarted;
    }

    public Clock clock() {
        return clock;
    }
}
