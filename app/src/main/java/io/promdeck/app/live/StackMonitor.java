package io.promdeck.app.live;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.Peer;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.Json;
import io.promdeck.app.http.MetricsCall;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.metrics.MetricsText;
import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.thanos.ThanosQueryClient;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps a {@link StackState} current for a set of endpoints: every replica, peer and Thanos component refreshed on its
 * own schedule ({@link RefreshScheduler}), each answer published as soon as it arrives. The panels' data (status,
 * alerts, silences, stores) refresh at the operator's interval; the HA doctor's slower facts (discovered Alertmanagers,
 * rules, components' own counters, Thanos flags) at least every {@link #DETAILS_INTERVAL}. Also the actions on them:
 * reload one or all, and the peers for the silence service.
 */
public final class StackMonitor implements AutoCloseable {

    /** A call that takes longer marks its endpoint stale; the others keep refreshing. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The doctor's slower facts are read at most this often. */
    public static final Duration DETAILS_INTERVAL = Duration.ofSeconds(15);

    /** Counters read from each Prometheus replica's own {@code /metrics}. */
    static final List<String> PROMETHEUS_COUNTERS = List.of("prometheus_notifications_", "prometheus_rule_evaluation_failures_total",
            "prometheus_rule_group_", "prometheus_tsdb_head_samples_appended_total", "prometheus_remote_storage_samples_failed_total", "prometheus_config_last_reload", "process_start_time_seconds");
    /** Counters read from each Alertmanager peer's own {@code /metrics}. */
    static final List<String> ALERTMANAGER_COUNTERS = List.of("alertmanager_notifications_", "alertmanager_notification_requests_",
            "alertmanager_cluster_", "alertmanager_config_last_reload", "process_start_time_seconds");
    /** Counters read from the other Thanos components. */
    static final List<String> THANOS_COUNTERS = List.of("thanos_compact_", "thanos_objstore_bucket_last_successful_upload_time",
            "thanos_shipper_", "thanos_bucket_store_", "process_start_time_seconds");

    private final StackEndpoints endpoints;
    private final Map<String, PrometheusClient> prometheus = new LinkedHashMap<>();
    private final Map<String, AlertmanagerClient> alertmanagers = new LinkedHashMap<>();
    private final Map<String, ThanosQueryClient> thanos = new LinkedHashMap<>();
    private final Map<Component, Map<String, ComponentApi>> otherThanos = new LinkedHashMap<>();
    private final RefreshScheduler scheduler;
    private final ExecutorService executor;
    private final Clock clock;
    private final AtomicReference<StackState> state;
    private final Consumer<StackState> listener;
    private final Map<String, RefreshScheduler.Task> tasks = new LinkedHashMap<>();
    private final Map<String, Duration> minIntervals = new LinkedHashMap<>();

    public StackMonitor(StackEndpoints endpoints, RefreshScheduler scheduler, ExecutorService executor, Clock clock,
            Consumer<StackState> listener) {
        this(endpoints, scheduler, executor, clock, listener, CALL_TIMEOUT, StackShape.of(endpoints.expected(Component.PROMETHEUS),
                endpoints.expected(Component.ALERTMANAGER)));
    }

    public StackMonitor(StackEndpoints endpoints, RefreshScheduler scheduler, ExecutorService executor, Clock clock,
            Consumer<StackState> listener, Duration callTimeout) {
        this(endpoints, scheduler, executor, clock, listener, callTimeout, StackShape.of(endpoints.expected(Component.PROMETHEUS),
                endpoints.expected(Component.ALERTMANAGER)));
    }

    /**
     * @param callTimeout how long one call may take before its endpoint counts as timed out
     * @param shape       what the stack declares about itself (expected replicas, replica label, peer addresses)
     */
    public StackMonitor(StackEndpoints endpoints, RefreshScheduler scheduler, ExecutorService executor, Clock clock,
            Consumer<StackState> listener, Duration callTimeout, StackShape shape) {
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.listener = listener;
        Map<String, String> addresses = new LinkedHashMap<>(shape.peerAddresses());
        for (Endpoint e : endpoints.of(Component.ALERTMANAGER)) {
            if (!e.address().isEmpty()) {
                addresses.putIfAbsent(e.name(), e.address());
            }
        }
        Map<Component, Integer> expected = new java.util.EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            if (endpoints.expected(c) > 0 || shape.expected(c) > 0) {
                expected.put(c, Math.max(endpoints.expected(c), shape.expected(c)));
            }
        }
        Map<String, String> groups = new LinkedHashMap<>(shape.groups());
        Map<String, PrometheusRole> roles = new LinkedHashMap<>(shape.roles());
        for (Endpoint e : endpoints.of(Component.PROMETHEUS)) {
            if (!e.group().isEmpty()) {
                groups.putIfAbsent(e.name(), e.group());
            }
            if (e.role() != PrometheusRole.REPLICA) {
                roles.putIfAbsent(e.name(), e.role());
            }
        }
        this.state = new AtomicReference<>(StackState.empty(new StackShape(expected, shape.replicaLabel(), addresses, groups, roles)));
        String replicaLabel = shape.replicaLabel().map(ReplicaLabel::name).orElse(PrometheusClient.DEFAULT_REPLICA_LABEL);
        for (Endpoint e : endpoints.of(Component.PROMETHEUS)) {
            prometheus.put(e.name(), new PrometheusClient(api(e, callTimeout), replicaLabel));
        }
        for (Endpoint e : endpoints.of(Component.ALERTMANAGER)) {
            alertmanagers.put(e.name(), new AlertmanagerClient(api(e, callTimeout)));
        }
        for (Endpoint e : endpoints.of(Component.THANOS_QUERY)) {
            thanos.put(e.name(), new ThanosQueryClient(api(e, callTimeout)));
        }
        for (Component c : List.of(Component.THANOS_COMPACTOR, Component.THANOS_SIDECAR, Component.THANOS_STORE, Component.THANOS_RULER)) {
            for (Endpoint e : endpoints.of(c)) {
                otherThanos.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(e.name(), api(e, callTimeout));
            }
        }
        defineTasks();
    }

    private static ComponentApi api(Endpoint e, Duration callTimeout) {
        return new ComponentApi(e.transport(), Json.mapper(), callTimeout);
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public StackState state() {
        return state.get();
    }

    /**
     * One task per endpoint and kind of call (status, alerts, silences, stores, details), each with one request in
     * flight at most (see {@link RefreshScheduler} for the intervals and the back-off).
     */
    private void defineTasks() {
        prometheus.forEach((name, client) -> {
            task("prometheus/" + name, null, () -> refresh(name, () -> ReplicaCalls.replicaStatus(client, previousMetrics(state.get().replicas().get(name)),
                    state.get().shape().role(name) == PrometheusRole.AGENT), StackState::withReplica, StackState::replicas));
            task("prometheus-details/" + name, DETAILS_INTERVAL, () -> refreshDetails(name, () -> ReplicaCalls.replicaDetails(client, agent(name)),
                    StackDetails::withReplica, StackDetails::replicas));
        });
        alertmanagers.forEach((name, client) -> {
            task("alertmanager/" + name, null, () -> refresh(name, client::status, StackState::withPeer, StackState::peers));
            task("alerts/" + name, null, () -> refresh(name, () -> client.alerts(this::heldAlerts), StackState::withAlerts, StackState::alerts));
            task("silences/" + name, null, () -> refresh(name, client::silences, StackState::withSilences, StackState::silences));
            task("alertmanager-metrics/" + name, DETAILS_INTERVAL, () -> refreshDetails(name,
                    () -> window(client.metricsText(ALERTMANAGER_COUNTERS), state.get().details().peerMetrics().get(name)),
                    StackDetails::withPeerMetrics, StackDetails::peerMetrics));
        });
        thanos.forEach((name, client) -> {
            task("thanos/" + name, null, () -> refresh(name, client::stores, StackState::withStores, StackState::stores));
            task("thanos-flags/" + name, DETAILS_INTERVAL, () -> refreshDetails(name, client::flags, StackDetails::withQueryFlags,
                    StackDetails::queryFlags));
        });
        otherThanos.forEach((component, apis) -> apis.forEach((name, api) -> task(component.label() + "/" + name, DETAILS_INTERVAL,
                () -> refreshDetails(name, () -> window(MetricsCall.read(api, THANOS_COUNTERS), state.get().details().components(component).get(name)),
                        (d, s) -> d.withComponent(component, s), d -> d.components(component)))));
    }

    private void task(String key, Duration minInterval, RefreshScheduler.Task task) {
        tasks.put(key, task);
        if (minInterval != null) {
            minIntervals.put(key, minInterval);
        }
    }

    /** Starts refreshing every endpoint. */
    public void start() {
        tasks.forEach((key, task) -> scheduler.add(key, task, minIntervals.get(key)));
        publish();
    }

    /**
     * Runs every task once, in parallel, and waits for all (the headless doctor's pass). With a {@code window} the
     * counters are read a second time after it, so rates ("failing now") are known, not only totals.
     *
     * @return the state after the pass
     */
    public StackState collectOnce(Duration window, Duration timeout) throws InterruptedException {
        runAll(tasks.keySet(), timeout);
        if (!window.isZero()) {
            Thread.sleep(window.toMillis());
            List<String> counters = tasks.keySet().stream().filter(k -> k.startsWith("prometheus/") || minIntervals.containsKey(k)
                    && !k.startsWith("prometheus-details/") && !k.startsWith("thanos-flags/")).toList();
            runAll(counters, timeout);
        }
        return state.get();
    }

    private void runAll(java.util.Collection<String> keys, Duration timeout) throws InterruptedException {
        List<CompletableFuture<RefreshScheduler.Outcome>> running = new ArrayList<>();
        for (String key : keys) {
            running.add(CompletableFuture.supplyAsync(() -> tasks.get(key).run(), executor));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Each task publishes its own failure; a pass that runs out of time reports what it has.
        }
    }

    public void refreshNow() {
        scheduler.refreshNow();
    }

    /** How many refreshes are in flight (never more than one per endpoint and kind). */
    public int refreshesInFlight() {
        return scheduler.inFlight();
    }

    private static MetricsWindow previousMetrics(Snapshot<ReplicaStatus> snapshot) {
        return snapshot == null ? null : snapshot.value().map(ReplicaStatus::metrics).orElse(null);
    }

    static CallResult<MetricsWindow> window(CallResult<MetricsText> reading, Snapshot<MetricsWindow> previous) {
        if (!reading.isOk()) {
            return reading.retype();
        }
        Instant now = Instant.now();
        MetricsWindow before = previous == null ? null : previous.value().orElse(null);
        MetricsWindow next = before == null ? MetricsWindow.first(reading.orElseThrow(), now) : before.next(reading.orElseThrow(), now);
        return CallResult.ok(next, reading.elapsed());
    }

    /** Whether a replica is an agent: its role says so, or its last status showed it (agents serve no TSDB). */
    private boolean agent(String name) {
        StackState s = state.get();
        return s.shape().role(name) == PrometheusRole.AGENT
                || s.replicas().containsKey(name) && s.replicas().get(name).value().map(ReplicaStatus::agent).orElse(false);
    }

    private <T> RefreshScheduler.Outcome refresh(String name, Supplier<CallResult<T>> call, BiFunction<StackState, Snapshot<T>, StackState> put,
            Function<StackState, Map<String, Snapshot<T>>> get) {
        long started = System.nanoTime();
        CallResult<T> result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        update(s -> put.apply(s, previous(get.apply(s), name).next(clock.instant(), result)));
        return new RefreshScheduler.Outcome(took, result.isOk());
    }

    /** The alerts every peer's latest list holds, by fingerprint: what a fresh alert shares ({@link io.promdeck.app.alertmanager.AlertSharing}). */
    private Map<String, io.promdeck.app.alertmanager.Alert> heldAlerts() {
        List<List<io.promdeck.app.alertmanager.Alert>> held = new ArrayList<>();
        state.get().alerts().values().forEach(s -> s.value().ifPresent(listing -> held.add(listing.items())));
        return io.promdeck.app.alertmanager.AlertSharing.index(held);
    }

    private <T> RefreshScheduler.Outcome refreshDetails(String name, Supplier<CallResult<T>> call,
            BiFunction<StackDetails, Snapshot<T>, StackDetails> put, Function<StackDetails, Map<String, Snapshot<T>>> get) {
        return refresh(name, call, (s, snapshot) -> s.withDetails(d -> put.apply(d, snapshot)), s -> get.apply(s.details()));
    }

    private <T> Snapshot<T> previous(Map<String, Snapshot<T>> map, String name) {
        Snapshot<T> snapshot = map.get(name);
        return snapshot != null ? snapshot : Snapshot.pending(name, clock.instant());
    }

    private void update(Function<StackState, StackState> change) {
        state.updateAndGet(change::apply);
        publish();
    }

    private void publish() {
        listener.accept(state.get());
    }

    /** Reloads one Prometheus replica; blocking. */
    public ReloadResult reloadPrometheus(String name) {
        ReloadResult result = prometheus.get(name).reload();
        scheduler.refreshNow();
        return result;
    }

    /** Reloads every replica in parallel and returns each one's result by name. */
    public Map<String, ReloadResult> reloadAllPrometheus() {
        Map<String, CompletableFuture<ReloadResult>> pending = new LinkedHashMap<>();
        prometheus.forEach((name, client) -> pending.put(name, CompletableFuture.supplyAsync(client::reload, executor)));
        Map<String, ReloadResult> results = new LinkedHashMap<>();
        pending.forEach((name, future) -> results.put(name, future.join()));
        scheduler.refreshNow();
        return results;
    }

    public ReloadResult reloadAlertmanager(String name) {
        ReloadResult result = alertmanagers.get(name).reload();
        scheduler.refreshNow();
        return result;
    }

    /** Reloads every Alertmanager peer in parallel. */
    public Map<String, ReloadResult> reloadAllAlertmanagers() {
        Map<String, CompletableFuture<ReloadResult>> pending = new LinkedHashMap<>();
        alertmanagers.forEach((name, client) -> pending.put(name, CompletableFuture.supplyAsync(client::reload, executor)));
        Map<String, ReloadResult> results = new LinkedHashMap<>();
        pending.forEach((name, future) -> results.put(name, future.join()));
        scheduler.refreshNow();
        return results;
    }

    /** The peers, for {@link io.promdeck.app.alertmanager.SilenceService}. */
    public List<Peer> peers() {
        return alertmanagers.entrySet().stream().map(e -> new Peer(e.getKey(), e.getValue())).toList();
    }

    /** The replicas' clients by name (config transactions, the doctor). */
    public Map<String, PrometheusClient> prometheusClients() {
        return java.util.Collections.unmodifiableMap(prometheus);
    }

    /** The peers' clients by name (config transactions). */
    public Map<String, io.promdeck.app.alertmanager.AlertmanagerClient> alertmanagerClients() {
        return java.util.Collections.unmodifiableMap(alertmanagers);
    }

    public List<String> replicaNames() {
        return List.copyOf(prometheus.keySet());
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
