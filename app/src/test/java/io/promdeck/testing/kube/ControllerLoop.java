package io.promdeck.testing.kube;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the controllers a real cluster runs, on the mock, every 100 ms: the StatefulSet controller creates each
 * replica's claims from the volumeClaimTemplates ({@code <template>-<statefulset>-<ordinal>}, in the template's
 * StorageClass or {@code defaultClass}) and, like the kubelet and the workload controllers, reports every
 * StatefulSet, Deployment and DaemonSet as rolled out — its generation observed, every replica updated and ready. It never deletes a claim, as a real StatefulSet
 * controller does not.
 */
public final class ControllerLoop implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String defaultClass;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mock-controllers");
        t.setDaemon(true);
        return t;
    });

    public ControllerLoop(KubernetesClient client, String namespace, String defaultClass) {
        this.client = client;
        this.namespace = namespace;
        this.defaultClass = defaultClass;
        loop.scheduleWithFixedDelay(this::reconcile, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        try {
            for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
                int replicas = Objects.requireNonNullElse(s.getSpec().getReplicas(), 1);
                claims(s, replicas);
                if (s.getStatus() == null || !Objects.equals(s.getStatus().getReadyReplicas(), replicas)
                        || !Objects.equals(s.getStatus().getObservedGeneration(), s.getMetadata().getGeneration())) {
                    client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder(s).withNewStatus().withReplicas(replicas)
                            .withReadyReplicas(replicas).withUpdatedReplicas(replicas).withObservedGeneration(s.getMetadata().getGeneration())
                            .endStatus().build()).updateStatus();
                }
            }
            for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
                if (d.getStatus() == null || !Objects.equals(d.getStatus().getReadyReplicas(), replicas)
                        || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
                    client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder(d).withNewStatus().withReplicas(replicas)
                            .withReadyReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                            .withObservedGeneration(d.getMetadata().getGeneration()).endStatus().build()).updateStatus();
                }
            }
            for (DaemonSet d : client.apps().daemonSets().inNamespace(namespace).list().getItems()) {
                if (d.getStatus() == null || !Objects.equals(d.getStatus().getNumberReady(), 1)
                        || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
                    client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder(d).withNewStatus()
                            .withDesiredNumberScheduled(1).withNumberReady(1).withUpdatedNumberScheduled(1)
                            .withObservedGeneration(d.getMetadata().getGeneration()).endStatus().build()).updateStatus();
                }
            }
        } catch (KubernetesClientException e) {
            // An object deleted or changed between list and update: the next round sees it as it is.
        }
    }

    private void claims(StatefulSet s, int replicas) {
        if (s.getSpec().getVolumeClaimTemplates() == null) {
            return;
        }
        for (PersistentVolumeClaim template : s.getSpec().getVolumeClaimTemplates()) {
            for (int i = 0; i < replicas; i++) {
                String name = template.getMetadata().getName() + "-" + s.getMetadata().getName() + "-" + i;
                if (client.persistentVolumeClaims().inNamespace(namespace).withName(name).get() == null) {
                    String storageClass = template.getSpec().getStorageClassName() == null ? defaultClass : template.getSpec().getStorageClassName();
                    client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                            .withName(name).withNamespace(namespace).withLabels(s.getSpec().getSelector().getMatchLabels()).endMetadata()
                            .withNewSpec().withStorageClassName(storageClass).withAccessModes(template.getSpec().getAccessModes())
                            .withResources(template.getSpec().getResources()).endSpec().build()).create();
                }
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
