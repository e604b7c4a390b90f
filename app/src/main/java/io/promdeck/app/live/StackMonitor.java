package io.promdeck.app.live;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.Peer;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.Json;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.prometheus.RuntimeInfo;
import io.promdeck.app.prometheus.Sample;
import io.promdeck.app.prometheus.TargetSummary;
import io.promdeck.app.thanos.ThanosQueryClient;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps a {@link StackState} current for a set of endpoints: every replica, peer and Thanos Query refreshed on its own
 * schedule ({@link RefreshScheduler}), each answer published as soon as it arrives. Also the actions on them:
 * reload one or all, and the silence service for the peers.
 */
public final class StackMonitor implements AutoCloseable {

    /** A call that takes longer marks its endpoint stale; the others keep refreshing. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final String INGESTION = "rate(prometheus_tsdb_head_samples_appended_total[1m])";

    private final StackEndpoints endpoints;
    private final Map<String, PrometheusClient> prometheus = new LinkedHashMap<>();
    private final Map<String, AlertmanagerClient> alertmanagers = new LinkedHashMap<>();
    private final Map<String, ThanosQueryClient> thanos = new LinkedHashMap<>();
    private final RefreshScheduler scheduler;
    private final ExecutorService executor;
    private final Clock clock;
    private final AtomicReference<StackState> state;
    private final Consumer<StackState> listener;

    public StackMonitor(StackEndpoints endpoints, RefreshScheduler scheduler, ExecutorService executor, Clock clock,
            Consumer<StackState> listener) {
        this(endpoints, scheduler, executor, clock, listener, CALL_TIMEOUT);
    }

    /** @param callTimeout how long one call may take before its endpoint counts as timed out */
    public StackMonitor(StackEndpoints endpoints, RefreshScheduler scheduler, ExecutorService executor, Clock clock,
            Consumer<StackState> listener, Duration callTimeout) {
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.listener = listener;
        this.state = new AtomicReference<>(StackState.empty(endpoints.expected(Component.PROMETHEUS), endpoints.expected(Component.ALERTMANAGER)));
        for (Endpoint e : endpoints.of(Component.PROMETHEUS)) {
            prometheus.put(e.name(), new PrometheusClient(api(e, callTimeout)));
        }
        for (Endpoint e : endpoints.of(Component.ALERTMANAGER)) {
            alertmanagers.put(e.name(), new AlertmanagerClient(api(e, callTimeout)));
        }
        for (Endpoint e : endpoints.of(Component.THANOS_QUERY)) {
            thanos.put(e.name(), new ThanosQueryClient(api(e, callTimeout)));
        }
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
     * Starts refreshing every endpoint: one task per endpoint and kind of call (status, alerts, silences, stores), each
     * with one request in flight at most (see {@link RefreshScheduler} for the intervals and the back-off).
     */
    public void start() {
        prometheus.forEach((name, client) -> scheduler.add("prometheus/" + name,
                () -> refresh(name, () -> replicaStatus(client), StackState::withReplica, StackState::replicas)));
        alertmanagers.forEach((name, client) -> {
            scheduler.add("alertmanager/" + name, () -> refresh(name, client::status, StackState::withPeer, StackState::peers));
            scheduler.add("alerts/" + name, () -> refresh(name, client::alerts, StackState::withAlerts, StackState::alerts));
            scheduler.add("silences/" + name, () -> refresh(name, client::silences, StackState::withSilences, StackState::silences));
        });
        thanos.forEach((name, client) -> scheduler.add("thanos/" + name,
                () -> refresh(name, client::stores, StackState::withStores, StackState::stores)));
        publish();
    }

    public void refreshNow() {
        scheduler.refreshNow();
    }

    /** How many refreshes are in flight (never more than one per endpoint and kind). */
    public int refreshesInFlight() {
        return scheduler.inFlight();
    }

    static CallResult<ReplicaStatus> replicaStatus(PrometheusClient client) {
        CallResult<RuntimeInfo> runtime = client.runtimeInfo();
        if (!runtime.isOk()) {
            return runtime.retype();
        }
        var build = client.buildInfo();
        var config = client.config();
        CallResult<TargetSummary> targets = client.targets();
        var head = client.headStats();
        CallResult<List<Sample>> rate = client.queryVector(INGESTION);
        for (CallResult<?> r : List.of(build, config, targets, head)) {
            if (!r.isOk()) {
                return r.retype();
            }
        }
        RuntimeInfo info = runtime.orElseThrow();
        double ingestion = rate.ok().map(samples -> samples.stream().mapToDouble(Sample::value).sum()).orElse(Double.NaN);
        return CallResult.ok(new ReplicaStatus(build.orElseThrow().version(), info.startTime(), info.reloadConfigSuccess(),
                info.lastConfigTime(), config.orElseThrow().hash(), targets.orElseThrow().up(), targets.orElseThrow().total(),
                head.orElseThrow().numSeries(), ingestion), runtime.elapsed());
    }

    private <T> RefreshScheduler.Outcome refresh(String name, Supplier<CallResult<T>> call, BiFunction<StackState, Snapshot<T>, StackState> put,
            Function<StackState, Map<String, Snapshot<T>>> get) {
        long started = System.nanoTime();
        CallResult<T> result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        update(s -> put.apply(s, previous(get.apply(s), name).next(clock.instant(), result)));
        return new RefreshScheduler.Outcome(took, result.isOk());
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

    /** The peers, for {@link io.promdeck.app.alertmanager.SilenceService}. */
    public List<Peer> peers() {
        return alertmanagers.entrySet().stream().map(e -> new Peer(e.getKey(), e.getValue())).toList();
    }

    public List<String> replicaNames() {
        return List.copyOf(prometheus.keySet());
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
