package io.promdeck.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.promdeck.testing.Await;
import io.promdeck.testing.kube.MockApiExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Informer snapshots follow what happens in the mock's namespace, and nothing outside it. */
class NamespaceWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();
    private final AtomicReference<NamespaceSnapshot> latest = new AtomicReference<>();
    private final AtomicInteger published = new AtomicInteger();

    private void readyPod(String namespace, String name, boolean ready) {
        kube.client().pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("prometheus").withRestartCount(2).withReady(ready).endContainerStatus()
                .endStatus().build()).create();
    }

    private NamespaceWatch watch(String namespace) {
        NamespaceWatch watch = new NamespaceWatch(kube.client(), namespace, snapshot -> {
            latest.set(snapshot);
            published.incrementAndGet();
        }, Clock.systemUTC());
        watch.start();
        return watch;
    }

    private NamespaceSnapshot awaitSnapshot(String what, java.util.function.Predicate<NamespaceSnapshot> condition) {
        Await.until(WAIT, what, () -> latest.get() != null && condition.test(latest.get()),
                () -> latest.get() == null ? "nothing" : latest.get().pods().toString());
        return latest.get();
    }

    @Test
    void snapshotChangesWhenAPodIsDeletedOrTurnsNotReady() {
        readyPod("monitoring", "prometheus-0", true);
        readyPod("monitoring", "prometheus-1", true);
        readyPod("elsewhere", "other-0", true);
        kube.client().apps().statefulSets().inNamespace("monitoring").resource(new StatefulSetBuilder().withNewMetadata().withName("prometheus")
                .endMetadata().withNewSpec().withReplicas(2).endSpec().withNewStatus().withReadyReplicas(2).withReplicas(2).endStatus()
                .build()).create();

        try (NamespaceWatch watch = watch("monitoring")) {
            NamespaceSnapshot first = awaitSnapshot("two pods and the StatefulSet",
                    s -> s.pods().size() == 2 && !s.workloads().isEmpty());
            assertThat(first.pods()).extracting(PodState::name).containsExactly("prometheus-0", "prometheus-1");
            assertThat(first.pod("prometheus-0").orElseThrow()).satisfies(p -> {
                assertThat(p.ready()).isTrue();
                assertThat(p.restarts()).isEqualTo(2);
                assertThat(p.node()).isEqualTo("node-a");
            });
            assertThat(first.workload("StatefulSet", "prometheus").orElseThrow().complete()).isTrue();

            kube.client().pods().inNamespace("monitoring").withName("prometheus-1").delete();
            NamespaceSnapshot afterDelete = awaitSnapshot("prometheus-1 gone", s -> s.pods().size() == 1);
            assertThat(afterDelete.pods()).extracting(PodState::name).containsExactly("prometheus-0");

            kube.client().pods().inNamespace("monitoring").withName("prometheus-0").edit(p -> new PodBuilder(p).editStatus()
                    .editFirstCondition().withStatus("False").endCondition()
                    .editFirstContainerStatus().withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                    .endContainerStatus().endStatus().build());
            NamespaceSnapshot notReady = awaitSnapshot("prometheus-0 not ready", s -> s.pod("prometheus-0").map(p -> !p.ready()).orElse(false));
            assertThat(notReady.pod("prometheus-0").orElseThrow().waiting()).containsExactly("CrashLoopBackOff");
            assertThat(notReady.takenAt()).isAfterOrEqualTo(first.takenAt());
            assertThat(notReady.pods()).noneMatch(p -> p.name().equals("other-0"));
        }
    }

    @Test
    void eventsArriveNewestFirstAndClosingStopsUpdates() {
        NamespaceWatch watch = watch("monitoring");
        awaitSnapshot("the first snapshot", s -> true);
        kube.client().v1().events().inNamespace("monitoring").resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                .withType("Warning").withReason("FailedScheduling").withMessage("0/3 nodes are available: 3 Insufficient cpu.")
                .withLastTimestamp("2026-11-22T10:00:00Z").withNewInvolvedObject().withKind("Pod").withName("prometheus-0").endInvolvedObject()
                .withCount(3).build()).create();

        NamespaceSnapshot withEvent = awaitSnapshot("the event", s -> !s.events().isEmpty());
        assertThat(withEvent.events().get(0)).satisfies(e -> {
            assertThat(e.reason()).isEqualTo("FailedScheduling");
            assertThat(e.objectName()).isEqualTo("prometheus-0");
            assertThat(e.count()).isEqualTo(3);
        });

        watch.close();
        int before = published.get();
        readyPod("monitoring", "late-0", true);
        // The watch is closed: a pod created afterwards is listed by the API but never published.
        Await.until(WAIT, "the pod to exist", () -> kube.client().pods().inNamespace("monitoring").withName("late-0").get() != null);
        assertThat(published.get()).isEqualTo(before);
    }

    /**
     * Two informers publish at once: the events informer's snapshot was taken before the pod arrived and is slow to
     * publish. The pod informer's snapshot must still be the last one published, else the pod stays missing.
     */
    @Test
    void aSnapshotTakenBeforeAPodArrivedIsNeverPublishedAfterTheOneThatHoldsIt() {
        java.util.concurrent.CountDownLatch podPublishedMeanwhile = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        try (NamespaceWatch watch = new NamespaceWatch(kube.client(), "monitoring", snapshot -> {
            if (!snapshot.events().isEmpty() && snapshot.pods().isEmpty() && raced.compareAndSet(false, true)) {
                readyPod("monitoring", "prometheus-0", true);
                try {
                    // Without ordering, the pod informer publishes while this (older) snapshot is still on its way.
                    podPublishedMeanwhile.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (!snapshot.pods().isEmpty()) {
                podPublishedMeanwhile.countDown();
            }
            latest.set(snapshot);
        }, Clock.systemUTC())) {
            watch.start();
            kube.client().v1().events().inNamespace("monitoring").resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                    .withType("Warning").withReason("ProvisioningFailed").withMessage("storageclass.storage.k8s.io \"fast-ssd\" not found")
                    .withNewInvolvedObject().withKind("PersistentVolumeClaim").withName("data-prometheus-0").endInvolvedObject().build()).create();
            Await.until(WAIT, "the race to be played", raced::get);
            awaitSnapshot("the last snapshot to hold the pod", s -> !s.pods().isEmpty() && !s.events().isEmpty());
            Await.until(WAIT, "publishing to settle", () -> podPublishedMeanwhile.getCount() == 0);
            assertThat(latest.get().pods()).extracting(PodState::name).containsExactly("prometheus-0");
        }
    }
}
