package io.promdeck.app.session;

import io.promdeck.app.cluster.Capabilities;
import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.ClusterLogin;
import io.promdeck.app.cluster.ConnectionCheck;
import io.promdeck.app.cluster.ConnectionProblem;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.cluster.DiscoveryOverrides;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.RbacPreflight;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.cluster.StackDiscovery;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.NamespaceWatch;
import io.promdeck.app.install.InstallState;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.StackShape;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.live.StackState;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.transport.ClusterEndpoints;
import io.promdeck.app.transport.DirectProfile;
import io.promdeck.app.transport.DirectProfiles;
import io.promdeck.app.transport.TransportMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Opens a stack the way the connect screen does, step by step, each step reported: credentials, connection check,
 * RBAC preflight, discovery, transport choice, then live refresh. Blocking: run it off the UI thread.
 */
public final class SessionOpener {

    private final SettingsFolder settings;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final LongSupplier refreshFloorMillis;
    private final Path home;
    private final boolean live;

    public SessionOpener(SettingsFolder settings, Path home, ExecutorService executor, ScheduledExecutorService timer, Clock clock,
            LongSupplier refreshFloorMillis) {
        this(settings, home, executor, timer, clock, refreshFloorMillis, true);
    }

    /**
     * @param live false for one-pass commands (the headless doctor): the monitor is built but not started, and no
     *             informer watches the namespace; the caller runs {@link StackMonitor#collectOnce}
     */
    public SessionOpener(SettingsFolder settings, Path home, ExecutorService executor, ScheduledExecutorService timer, Clock clock,
            LongSupplier refreshFloorMillis, boolean live) {
        this.settings = settings;
        this.home = home;
        this.executor = executor;
        this.timer = timer;
        this.clock = clock;
        this.refreshFloorMillis = refreshFloorMillis;
        this.live = live;
    }

    /** Listeners for what the session produces. */
    public record Listeners(Consumer<String> progress, Consumer<StackState> state, Consumer<NamespaceSnapshot> pods) {
    }

    public StackSession open(Kubeconfig kubeconfig, String context, String namespace, Optional<TransportMode> override, Listeners listeners)
            throws KubeconfigException, ConnectFailure {
        listeners.progress().accept("Resolving credentials of " + context + "…");
        ClusterLogin login = kubeconfig.login(context);
        ClusterConnection connection = new ClusterConnection(login);
        boolean done = false;
        try {
            listeners.progress().accept("Checking the connection to " + login.context().server() + "…");
            ConnectionCheck check = connection.check();
            if (check instanceof ConnectionCheck.Failed failed) {
                throw new ConnectFailure(failed.problem());
            }
            ConnectionCheck.Connected connected = (ConnectionCheck.Connected) check;
            listeners.progress().accept("Checking what " + connected.userName() + " may do in " + namespace + "…");
            Capabilities capabilities = new RbacPreflight(connection.client(), executor).check(namespace);
            TransportMode.Choice choice = TransportMode.choose(capabilities, override);
            listeners.progress().accept("Discovering the stack in " + namespace + "…");
            DiscoveredStack stack = new StackDiscovery(connection.client()).discover(namespace,
                    new DiscoveryOverrides(settings).forContext(context));
            if (choice.mode().isEmpty()) {
                throw new ConnectFailure(new ConnectionProblem(ConnectionProblem.Kind.FORBIDDEN, choice.reason()));
            }
            // A stack run by prometheus-operator: its resources say how many pods there should be and the replica label.
            Optional<io.promdeck.app.operator.OperatorResources.Reading> operator = Optional.empty();
            if (stack.pods().values().stream().flatMap(java.util.List::stream).anyMatch(p -> p.rule().startsWith("prometheus-operator"))) {
                listeners.progress().accept("Reading prometheus-operator's resources in " + namespace + "…");
                operator = Optional.of(new io.promdeck.app.operator.OperatorResources(connection.client()).read(namespace));
                stack = withOperatorCounts(stack, operator.get());
            }
            ClusterEndpoints endpoints = new ClusterEndpoints(connection.client(), HttpClients.defaults().build(), stack, choice.mode().get());
            Optional<io.promdeck.app.operator.OperatorResources.Reading> read = operator;
            Optional<ReplicaLabel> replicaLabel = installedReplicaLabel(connection, namespace).or(() -> operatorReplicaLabel(read));
            StackShape shape = new StackShape(endpoints.endpoints().expected(), replicaLabel, java.util.Map.of());
            StackMonitor monitor = new StackMonitor(endpoints.endpoints(), new RefreshScheduler(timer, executor, refreshFloorMillis),
                    executor, clock, listeners.state(), StackMonitor.CALL_TIMEOUT, shape);
            NamespaceWatch watch = null;
            if (live && capabilities.monitor().granted()) {
                watch = new NamespaceWatch(connection.client(), namespace, listeners.pods(), clock);
                watch.start();
            }
            if (live) {
                monitor.start();
            }
            done = true;
            return new StackSession(context + " / " + namespace, connected.userName(), Optional.of(connection), Optional.of(capabilities),
                    Optional.of(stack), Optional.of(choice), monitor, Optional.ofNullable(watch), Optional.of(endpoints), Optional.empty(),
                    Optional.of(configs(connection, stack, operator)), operator);
        } catch (IOException e) {
            throw new ConnectFailure(new ConnectionProblem(ConnectionProblem.Kind.SERVER_ERROR, "Cannot read the discovery overrides: " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new ConnectFailure(ConnectionProblem.of(e, login.context().server()));
        } finally {
            if (!done) {
                connection.close();
            }
        }
    }

    /** Where configuration is edited: the pods' mounts, and for an operator-run stack its PrometheusRules as well. */
    private static io.promdeck.app.config.ConfigLocator configs(ClusterConnection connection, DiscoveredStack stack,
            Optional<io.promdeck.app.operator.OperatorResources.Reading> operator) {
        io.promdeck.app.config.ClusterConfigs pods = new io.promdeck.app.config.ClusterConfigs(connection.client(), stack);
        if (operator.isPresent() && operator.get() instanceof io.promdeck.app.operator.OperatorResources.Read read) {
            return new io.promdeck.app.config.OperatorConfigs(pods, read, stack);
        }
        return pods;
    }

    /** The replica label the namespace's Prometheus resources name (empty when they disagree, or switch it off). */
    private static Optional<ReplicaLabel> operatorReplicaLabel(Optional<io.promdeck.app.operator.OperatorResources.Reading> operator) {
        return operator.filter(r -> r instanceof io.promdeck.app.operator.OperatorResources.Read)
                .flatMap(r -> ((io.promdeck.app.operator.OperatorResources.Read) r).replicaLabel())
                .filter(label -> !label.isBlank())
                .map(label -> ReplicaLabel.given(label, ReplicaLabel.Source.OPERATOR));
    }

    /** The pods the operator's resources ask for replace the StatefulSets' counts (shards included). */
    static DiscoveredStack withOperatorCounts(DiscoveredStack stack, io.promdeck.app.operator.OperatorResources.Reading reading) {
        if (!(reading instanceof io.promdeck.app.operator.OperatorResources.Read read)) {
            return stack;
        }
        java.util.Map<io.promdeck.app.cluster.Component, Integer> expected = new java.util.EnumMap<>(io.promdeck.app.cluster.Component.class);
        expected.putAll(stack.expected());
        if (!read.prometheuses().isEmpty()) {
            expected.put(io.promdeck.app.cluster.Component.PROMETHEUS, read.prometheusPods());
            if (read.prometheuses().stream().anyMatch(io.promdeck.app.operator.OperatorResources.Prometheus::thanosSidecar)) {
                expected.put(io.promdeck.app.cluster.Component.THANOS_SIDECAR, read.prometheuses().stream()
                        .filter(io.promdeck.app.operator.OperatorResources.Prometheus::thanosSidecar)
                        .mapToInt(io.promdeck.app.operator.OperatorResources.Prometheus::pods).sum());
            }
        }
        if (!read.alertmanagers().isEmpty()) {
            expected.put(io.promdeck.app.cluster.Component.ALERTMANAGER, read.alertmanagerPods());
        }
        if (!read.rulers().isEmpty()) {
            expected.put(io.promdeck.app.cluster.Component.THANOS_RULER, read.rulers().stream()
                    .mapToInt(io.promdeck.app.operator.OperatorResources.Replicated::replicas).sum());
        }
        return new DiscoveredStack(stack.namespace(), stack.pods(), expected);
    }

    /** The replica label a Promdeck install declared (its parameters ConfigMap), when there is one and it may be read. */
    private static Optional<ReplicaLabel> installedReplicaLabel(ClusterConnection connection, String namespace) {
        try {
            return new InstallState(connection.client()).parameters(namespace)
                    .map(p -> ReplicaLabel.given(p.replicaLabel(), ReplicaLabel.Source.INSTALLED));
        } catch (IOException | RuntimeException e) {
            // Not installed by Promdeck, or not readable with these credentials: the doctor detects the label instead.
            return Optional.empty();
        }
    }

    /** The transport chosen per context (none: automatic). */
    public Map<String, TransportMode> transportChoices() throws IOException {
        return new io.promdeck.app.transport.TransportPreferences(settings).all();
    }

    /** Remembers the transport the operator chose for a context; empty goes back to automatic. */
    public void saveTransportChoice(String context, Optional<TransportMode> mode) throws IOException {
        new io.promdeck.app.transport.TransportPreferences(settings).put(context, mode);
    }

    /** Saves (or with a blank selector, removes) the operator's discovery override for a component in a context. */
    public void saveOverride(String context, io.promdeck.app.cluster.Component component, String selector) throws IOException {
        DiscoveryOverrides overrides = new DiscoveryOverrides(settings);
        if (selector == null || selector.isBlank()) {
            overrides.put(context, component, null);
        } else {
            StackDiscovery.parseSelector(selector);
            overrides.put(context, component, io.promdeck.app.cluster.DiscoveryOverride.selector(selector.strip()));
        }
    }

    /** A local stack on this workstation: its processes' loopback URLs, its groups and roles, the replica label it was rendered with. */
    public StackSession openSandbox(Sandbox sandbox, Listeners listeners) {
        listeners.progress().accept("Opening the local stack (" + sandbox.topology().title() + ")…");
        var endpoints = sandbox.endpoints(HttpClients.defaults().build());
        StackMonitor monitor = new StackMonitor(endpoints, new RefreshScheduler(timer, executor, refreshFloorMillis), executor, clock,
                listeners.state(), StackMonitor.CALL_TIMEOUT, sandbox.shape());
        if (live) {
            monitor.start();
        }
        return new StackSession("local stack (" + sandbox.topology().title() + ")", System.getProperty("user.name", "unknown"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), monitor, Optional.empty(), Optional.empty(), Optional.of(sandbox),
                Optional.of(sandbox.configs()));
    }

    /** A direct-URL profile: no Kubernetes, the URLs it lists. */
    public StackSession openProfile(Path file, Listeners listeners) throws DirectProfiles.ProfileException {
        DirectProfile profile = DirectProfiles.read(file);
        listeners.progress().accept("Opening profile " + file.getFileName() + "…");
        var endpoints = DirectProfiles.endpoints(profile, home);
        Optional<ReplicaLabel> label = profile.replicaLabel() == null || profile.replicaLabel().isBlank() ? Optional.empty()
                : Optional.of(ReplicaLabel.given(profile.replicaLabel().strip(), ReplicaLabel.Source.PROFILE));
        StackMonitor monitor = new StackMonitor(endpoints, new RefreshScheduler(timer, executor, refreshFloorMillis),
                executor, clock, listeners.state(), StackMonitor.CALL_TIMEOUT, new StackShape(endpoints.expected(), label, java.util.Map.of()));
        if (live) {
            monitor.start();
        }
        return new StackSession("profile " + (profile.name() == null ? file.getFileName() : profile.name()),
                System.getProperty("user.name", "unknown"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), monitor,
                Optional.empty(), Optional.empty(), Optional.empty(), profileConfigs(profile, endpoints, file));
    }

    /** The configuration files a profile names ({@code configFile} of its entries, relative to the profile's folder). */
    private static Optional<io.promdeck.app.config.ConfigLocator> profileConfigs(DirectProfile profile, io.promdeck.app.transport.StackEndpoints endpoints,
            Path file) {
        Path dir = file.toAbsolutePath().getParent();
        java.util.List<io.promdeck.app.config.FileConfigs.Config> prometheus = configs(profile.prometheus(),
                endpoints.of(io.promdeck.app.cluster.Component.PROMETHEUS), dir);
        java.util.List<io.promdeck.app.config.FileConfigs.Config> alertmanagers = configs(profile.alertmanager(),
                endpoints.of(io.promdeck.app.cluster.Component.ALERTMANAGER), dir);
        if (prometheus.isEmpty() && alertmanagers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new io.promdeck.app.config.FileConfigs(prometheus, alertmanagers));
    }

    private static java.util.List<io.promdeck.app.config.FileConfigs.Config> configs(java.util.List<DirectProfile.Entry> entries,
            java.util.List<io.promdeck.app.transport.Endpoint> endpoints, Path dir) {
        java.util.List<io.promdeck.app.config.FileConfigs.Config> out = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size() && i < endpoints.size(); i++) {
            String configFile = entries.get(i).configFile();
            if (configFile != null && !configFile.isBlank()) {
                out.add(new io.promdeck.app.config.FileConfigs.Config(endpoints.get(i).name(), dir.resolve(configFile.strip()).normalize(), ""));
            }
        }
        return out;
    }
}
