package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.cluster.StackDiscovery;
import io.promdeck.app.config.ClusterConfigs;
import io.promdeck.app.config.ConfigSource;
import io.promdeck.app.config.ConfigTarget;
import io.promdeck.app.config.ConfigTransaction;
import io.promdeck.app.config.ConfigUnit;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.http.Json;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.transport.ClusterEndpoints;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.TransportMode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The installer's path for a configuration-only change: the pods are not rolled (their templates carry no config
 * hash); once the ConfigMaps and Secrets are applied, every Prometheus replica and Alertmanager peer that loads one
 * of them is reloaded through the API server's pod proxy until the configuration it runs is the one applied — the
 * same verification as the Config panel's (waiting for the kubelet to copy the new file, within a bound).
 */
public final class HotReload {

    /** What the reload came to: one result per configuration reloaded, and a sentence. */
    public record Outcome(Map<String, ConfigTransaction.Result> results, boolean verified, String sentence) {
        public Outcome {
            results = Map.copyOf(results);
        }
    }

    private static final Set<String> COMPONENTS = Set.of("prometheus", "alertmanager");
    private final KubernetesClient client;
    private final Duration syncBound;
    private final Duration callTimeout;

    public HotReload(KubernetesClient client, Duration syncBound, Duration callTimeout) {
        this.client = client;
        this.syncBound = syncBound;
        this.callTimeout = callTimeout;
    }

    /**
     * The configuration objects of Prometheus and Alertmanager the plan changes, when none of their workloads
     * changes (a changed workload rolls its pods, which start with the new files: nothing to reload).
     */
    public static Set<String> reloadable(Plan plan) {
        Set<String> changed = new LinkedHashSet<>();
        for (PlanItem item : plan.items()) {
            if (!COMPONENTS.contains(item.component())) {
                continue;
            }
            String kind = item.object().getKind();
            boolean config = "ConfigMap".equals(kind) || "Secret".equals(kind);
            if (item.action() == PlanItem.Action.UPDATE && config) {
                changed.add(kind + "/" + item.object().getMetadata().getName());
            } else if (item.action() != PlanItem.Action.UNCHANGED && ("StatefulSet".equals(kind) || "Deployment".equals(kind))) {
                return Set.of();
            }
        }
        return changed;
    }

    /**
     * Reloads every replica and peer that loads one of {@code changed} ("ConfigMap/prometheus-rules") until it runs
     * what the object now holds. Blocking.
     */
    public Outcome run(String namespace, String replicaLabel, Set<String> changed, Consumer<String> step) throws IOException, InterruptedException {
        if (changed.isEmpty()) {
            return new Outcome(Map.of(), true, "No configuration to reload.");
        }
        DiscoveredStack stack = new StackDiscovery(client).discover(namespace, Map.of());
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "promdeck-hot-reload");
            t.setDaemon(true);
            return t;
        });
        try (ClusterEndpoints endpoints = new ClusterEndpoints(client, HttpClients.defaults().build(), stack, TransportMode.POD_PROXY)) {
            Map<String, PrometheusClient> prometheus = new LinkedHashMap<>();
            for (Endpoint e : endpoints.endpoints().of(Component.PROMETHEUS)) {
                prometheus.put(e.name(), new PrometheusClient(new ComponentApi(e.transport(), Json.mapper(), callTimeout), replicaLabel));
            }
            Map<String, AlertmanagerClient> alertmanagers = new LinkedHashMap<>();
            for (Endpoint e : endpoints.endpoints().of(Component.ALERTMANAGER)) {
                alertmanagers.put(e.name(), new AlertmanagerClient(new ComponentApi(e.transport(), Json.mapper(), callTimeout)));
            }
            ClusterConfigs configs = new ClusterConfigs(client, stack, syncBound);
            ConfigTransaction transaction = new ConfigTransaction(configs.store(), executor, d -> Thread.sleep(d.toMillis()), syncBound);
            Map<String, ConfigTransaction.Result> results = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            for (ConfigUnit unit : configs.locate()) {
                if (unit.sources().stream().noneMatch(s -> changed.contains(objectOf(s)))) {
                    continue;
                }
                step.accept("Reloading " + unit.title() + " on " + String.join(", ", unit.endpoints()) + " (no pod restarts)…");
                Map<ConfigSource, String> contents = new LinkedHashMap<>();
                for (ConfigSource source : unit.sources()) {
                    contents.put(source, configs.store().read(source).content());
                }
                Map<String, ConfigTarget> targets = new LinkedHashMap<>();
                for (String endpoint : unit.endpoints()) {
                    ConfigTarget target = ConfigTarget.of(unit, endpoint, prometheus, alertmanagers, replicaLabel);
                    if (target != null) {
                        targets.put(endpoint, target);
                    }
                }
                ConfigTransaction.Result result = transaction.verify(unit, contents, targets, p -> { });
                results.put(unit.title(), result);
                step.accept(unit.title() + ": " + result.sentence());
                if (result.outcome() != ConfigTransaction.Outcome.VERIFIED) {
                    failed.add(unit.title());
                }
            }
            String sentence = results.isEmpty() ? "No running replica loads the changed configuration."
                    : failed.isEmpty() ? "Reloaded without restarts and verified: " + String.join("; ", results.keySet()) + "."
                    : "Not running everywhere after the reload: " + String.join("; ", failed) + " (see each replica above).";
            return new Outcome(results, failed.isEmpty(), sentence);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String objectOf(ConfigSource source) {
        if (source instanceof ConfigSource.ConfigMapKey c) {
            return "ConfigMap/" + c.name();
        }
        if (source instanceof ConfigSource.SecretKey s) {
            return "Secret/" + s.name();
        }
        return "";
    }

    static String name(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
