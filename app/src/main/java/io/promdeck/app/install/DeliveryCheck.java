package io.promdeck.app.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.SyntheticAlert;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.cluster.StackDiscovery;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.transport.ClusterEndpoints;
import io.promdeck.app.transport.TransportMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Done step's "send test alert" for an installed stack: finds its Alertmanager pods, reaches them through the
 * API server's pod proxy and runs {@link SyntheticAlert} against the webhook integration, waiting the route's group_wait
 * plus a minute. Blocking.
 */
public final class DeliveryCheck {

    private DeliveryCheck() {
    }

    public static SyntheticAlert.Outcome send(KubernetesClient client, StackParameters p, Clock clock, BooleanSupplier cancelled, Consumer<String> progress)
            throws InterruptedException {
        progress.accept("Finding the Alertmanager pods in " + p.namespace() + "…");
        DiscoveredStack stack = new StackDiscovery(client).discover(p.namespace(), Map.of());
        try (ClusterEndpoints endpoints = new ClusterEndpoints(client, HttpClients.defaults().build(), stack, TransportMode.POD_PROXY)) {
            List<AlertmanagerClient> peers = endpoints.endpoints().of(Component.ALERTMANAGER).stream()
                    .map(e -> new AlertmanagerClient(new ComponentApi(e.transport()))).toList();
            if (peers.isEmpty()) {
                return new SyntheticAlert.Outcome(SyntheticAlert.Verdict.NOT_ACCEPTED, "No Alertmanager pod was found in " + p.namespace()
                        + "; the test alert was not sent.", 0, 0, Duration.ZERO);
            }
            Duration wait = ParameterCheck.parseDuration(p.groupWait()).orElse(Duration.ofSeconds(30)).plus(Duration.ofMinutes(1));
            return new SyntheticAlert(peers, clock).send("webhook", Map.of("cluster", p.cluster()), wait, cancelled,
                    progress);
        }
    }
}
