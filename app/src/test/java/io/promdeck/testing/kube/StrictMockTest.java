package io.promdeck.testing.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mock refuses, merges and dry-runs as a real API server does (see {@link ApiServerRules} and {@link FieldManagers}). */
class StrictMockTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private static StatefulSet sts(String size) {
        return new StatefulSetBuilder().withNewMetadata().withName("prometheus").withNamespace("monitoring").endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("prometheus").withNewSelector().addToMatchLabels("app", "p").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "p").endMetadata().withNewSpec().addNewContainer().withName("p")
                .withImage("prom/prometheus:v2.53.0").endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec().withNewResources()
                .addToRequests("storage", new Quantity(size)).endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }

    private void apply(Object o, String manager, boolean force) {
        var op = kube.client().resource((io.fabric8.kubernetes.api.model.HasMetadata) o).fieldManager(manager);
        (force ? op.forceConflicts() : op).serverSideApply();
    }

    @Test
    void aStatefulSetsVolumeClaimTemplatesCannotChange() {
        apply(sts("50Gi"), "promdeck", true);

        assertThatThrownBy(() -> apply(sts("100Gi"), "promdeck", true))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).isEqualTo("StatefulSet.apps \"prometheus\" is invalid: spec: Forbidden: updates to "
                            + "statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                            + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
                    assertThat(e.getStatus().getDetails().getCauses().get(0).getField()).isEqualTo("spec");
                });
        StatefulSet replicas = sts("50Gi");
        replicas.getSpec().setReplicas(3);
        apply(replicas, "promdeck", true);
        assertThat(kube.client().resource(sts("50Gi")).get().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aJobsTemplateIsImmutable() {
        Job job = new JobBuilder().withNewMetadata().withName("bucket").withNamespace("monitoring").endMetadata().withNewSpec()
                .withNewTemplate().withNewSpec().addNewContainer().withName("mc").withImage("minio/mc:1").endContainer().endSpec().endTemplate()
                .endSpec().build();
        apply(job, "promdeck", true);
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("mirror.corp/minio/mc:1");

        assertThatThrownBy(() -> apply(job, "promdeck", true)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getStatus().getMessage()).startsWith("Job.batch \"bucket\" is invalid: spec.template: Invalid value:")
                    .endsWith("field is immutable");
        });
    }

    @Test
    void aClaimGrowsOnlyWithAnExpandableClassAndNeverShrinks() {
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("fixed").endMetadata().withProvisioner("x").build()).create();
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("grows").endMetadata().withProvisioner("x")
                .withAllowVolumeExpansion(true).build()).create();
        for (String storageClass : new String[] {"fixed", "grows"}) {
            kube.client().resource(claim(storageClass, "50Gi")).create();
        }

        assertThatThrownBy(() -> apply(claim("fixed", "100Gi"), "promdeck", true)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).contains("storageclass that provisions the pvc must support resize"));
        apply(claim("grows", "100Gi"), "promdeck", true);
        assertThat(kube.client().resource(claim("grows", "1Gi")).get().getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("100Gi"));
        assertThatThrownBy(() -> apply(claim("grows", "10Gi"), "promdeck", true)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).endsWith("spec.resources.requests.storage: Forbidden: field can not be less than previous value"));
    }

    private static PersistentVolumeClaim claim(String storageClass, String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-" + storageClass).withNamespace("monitoring").endMetadata()
                .withNewSpec().withStorageClassName(storageClass).withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity(size)).endResources().endSpec().build();
    }

    @Test
    void selectorsAndAClusterIpCannotChange() {
        io.fabric8.kubernetes.api.model.apps.Deployment deployment = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
                .withName("query").withNamespace("monitoring").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "q")
                .endSelector().endSpec().build();
        apply(deployment, "promdeck", true);
        deployment.getSpec().getSelector().setMatchLabels(java.util.Map.of("app", "query"));
        assertThatThrownBy(() -> apply(deployment, "promdeck", true)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).isEqualTo("Deployment.apps \"query\" is invalid: spec.selector: Invalid value: "
                        + "v1.LabelSelector{…}: field is immutable"));

        io.fabric8.kubernetes.api.model.Service headless = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("p")
                .withNamespace("monitoring").endMetadata().withNewSpec().withClusterIP("None").endSpec().build();
        apply(headless, "promdeck", true);
        headless.getSpec().setClusterIP("10.0.0.7");
        assertThatThrownBy(() -> apply(headless, "promdeck", true)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getStatus().getDetails().getCauses().get(0).getField()).isEqualTo("spec.clusterIP");
        });
    }

    @Test
    void applyKeepsFieldsOtherManagersOwnAndReportsConflicts() {
        apply(sts("50Gi"), "promdeck", true);
        StatefulSet annotation = new StatefulSetBuilder().withNewMetadata().withName("prometheus").withNamespace("monitoring")
                .addToAnnotations("team", "sre").endMetadata().build();
        apply(annotation, "kubectl", false);

        apply(sts("50Gi"), "promdeck", true);
        assertThat(kube.client().resource(sts("50Gi")).get().getMetadata().getAnnotations()).containsEntry("team", "sre");

        StatefulSet scaled = new StatefulSetBuilder().withNewMetadata().withName("prometheus").withNamespace("monitoring").endMetadata()
                .withNewSpec().withReplicas(4).endSpec().build();
        assertThatThrownBy(() -> apply(scaled, "kubectl", false)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(e.getStatus().getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"promdeck\": .spec.replicas");
        });
        apply(scaled, "kubectl", true);
        assertThat(kube.api().fieldOwners("/apis/apps/v1/namespaces/monitoring/statefulsets/prometheus").get("kubectl"))
                .contains("/spec/replicas");
        assertThat(kube.api().fieldOwners("/apis/apps/v1/namespaces/monitoring/statefulsets/prometheus").get("promdeck"))
                .doesNotContain("/spec/replicas");
    }

    @Test
    void anApplyThatDropsAFieldRemovesIt() {
        StatefulSet withAnnotation = sts("50Gi");
        withAnnotation.getMetadata().setAnnotations(java.util.Map.of("old", "x"));
        apply(withAnnotation, "promdeck", true);

        apply(sts("50Gi"), "promdeck", true);

        assertThat(kube.client().resource(sts("50Gi")).get().getMetadata().getAnnotations()).doesNotContainKey("old");
    }

    @Test
    void aDryRunValidatesWithoutStoring() {
        kube.client().resource(sts("50Gi")).dryRun().fieldManager("promdeck").forceConflicts().serverSideApply();
        assertThat(kube.client().resource(sts("50Gi")).get()).isNull();

        apply(sts("50Gi"), "promdeck", true);
        assertThatThrownBy(() -> kube.client().resource(sts("100Gi")).dryRun().fieldManager("promdeck").forceConflicts().serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        kube.client().resource(sts("50Gi")).dryRun().delete();
        assertThat(kube.client().resource(sts("50Gi")).get()).isNotNull();
    }
}
