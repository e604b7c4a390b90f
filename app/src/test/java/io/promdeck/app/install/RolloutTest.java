package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.promdeck.app.live.NamespaceSnapshot;
import io.promdeck.app.live.PodState;
import io.promdeck.testing.Await;
import io.promdeck.testing.kube.MockApiExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollout progress from workload statuses the test sets in the mock, and the failure sentences. */
class RolloutTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    @Test
    void progressReachesReadyAsTheTestAdvancesStatuses() throws Exception {
        StackParameters p = StackRendererTest.params().with(Map.of("nodeExporter", false, "kubeStateMetrics", false, "grafana", false));
        RenderedStack stack = StackRenderer.render(p, StackRendererTest.SECRETS);
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(stack), s -> { });
        List<RolloutProgress> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<RolloutProgress> done = CompletableFuture.supplyAsync(() -> {
            try {
                return new Rollout(kube.client(), Clock.systemUTC()).await(stack, seen::add, Duration.ofSeconds(30), () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitProgress(seen, "StatefulSet/prometheus 0/2 (not yet seen by its controller)");
        for (RenderedObject o : stack.objects()) {
            markReady(o);
        }
        RolloutProgress last = done.get(30, TimeUnit.SECONDS);

        assertThat(last.complete()).isTrue();
        assertThat(last.workloads()).extracting(Object::toString).contains("StatefulSet/prometheus 2/2", "StatefulSet/alertmanager 3/3",
                "Deployment/thanos-query 2/2", "StatefulSet/thanos-compactor 1/1");
        assertThat(seen.get(0).complete()).isFalse();
        assertThat(last.elapsed()).isPositive();
    }

    @Test
    void readyOldPodsAfterAnUpdateAreNotAFinishedRollout() throws Exception {
        StackParameters p = StackRendererTest.params().with(Map.of("nodeExporter", false, "kubeStateMetrics", false, "grafana", false));
        RenderedStack stack = StackRenderer.render(p, StackRendererTest.SECRETS);
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(stack), s -> { });
        stack.objects().forEach(this::markReady);
        RenderedStack changed = StackRenderer.render(p.with(Map.of("prometheusRetention", "48h")), StackRendererTest.SECRETS);
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(changed), s -> { });
        // The API server moved the generation; the controller has not reported on it: the two old pods are still "ready".
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get().getMetadata().getGeneration())
                .isEqualTo(2L);
        List<RolloutProgress> seen = new CopyOnWriteArrayList<>();

        CompletableFuture<RolloutProgress> done = CompletableFuture.supplyAsync(() -> {
            try {
                return new Rollout(kube.client(), Clock.systemUTC()).await(changed, seen::add, Duration.ofSeconds(30), () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitProgress(seen, "StatefulSet/prometheus 2/2 (not yet seen by its controller)");
        assertThat(seen).noneMatch(RolloutProgress::complete);
        for (RenderedObject o : changed.objects()) {
            markReady(o);
        }
        RolloutProgress last = done.get(30, TimeUnit.SECONDS);

        assertThat(last.complete()).isTrue();
        assertThat(last.workloads()).extracting(Object::toString).contains("StatefulSet/prometheus 2/2");
    }

    private void markReady(RenderedObject o) {
        markReady(kube, o);
    }

    /** Plays the controllers: sets a workload's status to all replicas ready. */
    static void markReady(MockApiExtension kube, RenderedObject o) {
        if (o.object() instanceof StatefulSet s) {
            StatefulSet live = kube.client().resource(s).get();
            kube.client().apps().statefulSets().inNamespace("monitoring").resource(new StatefulSetBuilder(live)
                    .withNewStatus().withReplicas(s.getSpec().getReplicas()).withReadyReplicas(s.getSpec().getReplicas())
                    .withUpdatedReplicas(s.getSpec().getReplicas()).withObservedGeneration(live.getMetadata().getGeneration()).endStatus().build())
                    .updateStatus();
        } else if (o.object() instanceof Deployment d) {
            Deployment live = kube.client().resource(d).get();
            kube.client().apps().deployments().inNamespace("monitoring").resource(new DeploymentBuilder(live)
                    .withNewStatus().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(d.getSpec().getReplicas()).withObservedGeneration(live.getMetadata().getGeneration()).endStatus().build())
                    .updateStatus();
        } else if (o.object() instanceof DaemonSet d) {
            DaemonSet live = kube.client().resource(d).get();
            kube.client().apps().daemonSets().inNamespace("monitoring").resource(new DaemonSetBuilder(live)
                    .withNewStatus().withDesiredNumberScheduled(1).withNumberReady(1).withUpdatedNumberScheduled(1)
                    .withObservedGeneration(live.getMetadata().getGeneration()).endStatus().build()).updateStatus();
        }
    }

    private static void awaitProgress(List<RolloutProgress> seen, String text) {
        Await.until(Duration.ofSeconds(20), "progress showing " + text,
                () -> seen.stream().anyMatch(p -> p.workloads().stream().anyMatch(w -> w.toString().equals(text))), seen::toString);
    }

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static NamespaceSnapshot snapshot(List<PodState> pods, List<io.promdeck.app.live.ClaimState> claims,
            List<io.promdeck.app.live.EventState> events) {
        return new NamespaceSnapshot("monitoring", NOW, pods, List.of(), claims, events);
    }

    private static PodState pod(String name, List<PodState.ContainerWait> waits, String unschedulable, int restarts) {
        return new PodState(name, "Pending", false, restarts, null, null, Map.of(StackRenderer.INSTANCE, "promdeck"), waits, unschedulable, null);
    }

    @Test
    void pendingClaimWithoutDefaultStorageClass() {
        List<String> sentences = RolloutDiagnosis.sentences(snapshot(List.of(),
                List.of(new io.promdeck.app.live.ClaimState("data-prometheus-0", "Pending", null)),
                List.of(new io.promdeck.app.live.EventState("Normal", "FailedBinding",
                        "no persistent volumes available for this claim and no storage class is set", "PersistentVolumeClaim",
                        "data-prometheus-0", NOW, 4))), "promdeck", (p, c) -> "");

        assertThat(sentences).containsExactly("Volume claim data-prometheus-0 is Pending: it names no StorageClass and the cluster has no "
                + "default one. Choose a StorageClass in the Storage step, or mark one as the cluster default.");
    }

    @Test
    void pendingClaimOnAMissingStorageClass() {
        List<String> sentences = RolloutDiagnosis.sentences(snapshot(List.of(),
                List.of(new io.promdeck.app.live.ClaimState("data-alertmanager-0", "Pending", "fast-ssd")),
                List.of(new io.promdeck.app.live.EventState("Warning", "ProvisioningFailed",
                        "storageclass.storage.k8s.io \"fast-ssd\" not found", "PersistentVolumeClaim", "data-alertmanager-0", NOW, 1))),
                "promdeck", (p, c) -> "");

        assertThat(sentences).singleElement().asString().contains("StorageClass 'fast-ssd' does not exist");
    }

    @Test
    void imagePullFailureNamesImageAndRegistry() {
        List<String> sentences = RolloutDiagnosis.sentences(snapshot(List.of(pod("prometheus-0", List.of(new PodState.ContainerWait(
                "prometheus", "registry.corp:5000/mirror/prometheus/prometheus:v2.54.1", "ImagePullBackOff",
                "Back-off pulling image \"registry.corp:5000/mirror/prometheus/prometheus:v2.54.1\"")), null, 0)), List.of(), List.of()),
                "promdeck", (p, c) -> "");

        assertThat(sentences).singleElement().asString()
                .startsWith("Pod prometheus-0 cannot pull image registry.corp:5000/mirror/prometheus/prometheus:v2.54.1 from registry registry.corp:5000")
                .contains("pull secret");
        assertThat(RolloutDiagnosis.registry("grafana/grafana:11")).isEqualTo("docker.io");
    }

    @Test
    void crashLoopShowsTheLastLogLinesFromTheApiServer() {
        kube.api().podLog("monitoring", "alertmanager-1", "level=info msg=Starting\nlevel=error msg=\"undefined receiver \\\"x\\\"\"\n");
        kube.client().pods().inNamespace("monitoring").resource(new PodBuilder().withNewMetadata().withName("alertmanager-1")
                .withLabels(Map.of(StackRenderer.INSTANCE, "promdeck")).endMetadata().withNewSpec().addNewContainer().withName("alertmanager")
                .withImage("a").endContainer().endSpec().withNewStatus().addNewContainerStatus().withName("alertmanager").withImage("a")
                .withRestartCount(7).withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build()).create();
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);
        List<RolloutProgress> seen = new CopyOnWriteArrayList<>();

        try {
            new Rollout(kube.client(), Clock.systemUTC()).await(stack, seen::add, Duration.ofMillis(1500), () -> !seen.isEmpty());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).problems()).singleElement().asString()
                .isEqualTo("Container alertmanager of pod alertmanager-1 keeps crashing (7 restarts). Its last log lines: "
                        + "level=info msg=Starting | level=error msg=\"undefined receiver \\\"x\\\"\"");
    }

    @Test
    void unschedulablePodQuotesTheScheduler() {
        List<String> sentences = RolloutDiagnosis.sentences(snapshot(List.of(pod("thanos-store-0", List.of(),
                "0/3 nodes are available: 3 Insufficient memory.", 0)), List.of(), List.of()), "promdeck", (p, c) -> "");

        assertThat(sentences).containsExactly("Pod thanos-store-0 cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory. "
                + "Lower its CPU/memory requests in the parameters, or add capacity to the cluster.");
    }

    @Test
    void podsOfAnotherInstanceAreNotDiagnosed() {
        PodState other = new PodState("x-0", "Pending", false, 0, null, null, Map.of(StackRenderer.INSTANCE, "other"), List.of(),
                "0/1 nodes are available", null);

        assertThat(RolloutDiagnosis.sentences(snapshot(List.of(other), List.of(), List.of()), "promdeck", (p, c) -> "")).isEmpty();
    }
}
