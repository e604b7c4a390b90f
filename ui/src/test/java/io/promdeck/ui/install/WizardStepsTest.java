package io.promdeck.ui.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.install.Backend;
import io.promdeck.app.install.FieldChange;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.Parameter;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.StackParameters;
import io.promdeck.testing.kube.ControllerLoop;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiExtension;
import io.promdeck.ui.testing.DirectTasks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's step models without the FX toolkit: fields validated by app/'s ParameterForm per section, and the
 * coordinator taken through install and upgrade on the strict mock API server (work runs on the calling thread).
 */
class WizardStepsTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    @TempDir
    Path dir;

    @Test
    void fieldsAreCheckedPerSectionByTheSameRulesAsTheHeadlessInstall() {
        WizardFields fields = new WizardFields(StackParameters.defaults("monitoring"));
        // Nowhere to send alerts is the one thing a fresh form lacks.
        assertThat(fields.problems()).containsOnlyKeys(Parameter.WEBHOOK_URL);
        assertThat(fields.problemOf(Parameter.WEBHOOK_URL).get()).startsWith("alerts need somewhere to go");
        fields.text(Parameter.WEBHOOK_URL).set("https://hooks.example/alert");
        assertThat(fields.problems()).isEmpty();

        fields.text(Parameter.PROMETHEUS_REPLICAS).set("1");
        fields.text(Parameter.THANOS_QUERY_REPLICAS).set("two");
        assertThat(fields.problems()).containsEntry(Parameter.PROMETHEUS_REPLICAS, "HA needs at least 2 Prometheus replicas")
                .containsEntry(Parameter.THANOS_QUERY_REPLICAS, "'two' is not a whole number");
        assertThat(fields.valid(Parameter.Section.COMPONENTS).get()).isFalse();
        assertThat(fields.valid(Parameter.Section.STORAGE).get()).isTrue();
        assertThat(fields.problemCount(Parameter.Section.COMPONENTS)).isEqualTo(2);

        fields.backend().set(Backend.THANOS_EXISTING_S3);
        assertThat(fields.problems()).containsKeys(Parameter.S3_ENDPOINT, Parameter.S3_ACCESS_KEY, Parameter.S3_SECRET_KEY);
        fields.backend().set(Backend.THANOS_BUNDLED_S3);
        assertThat(fields.problems()).doesNotContainKeys(Parameter.S3_ENDPOINT, Parameter.S3_ACCESS_KEY, Parameter.S3_SECRET_KEY);

        fields.flag(Parameter.DINGTALK).set(true);
        fields.text(Parameter.DINGTALK_ROBOT_URL).set("oapi.dingtalk.com/robot");
        assertThat(fields.problemOf(Parameter.DINGTALK_ROBOT_URL).get()).isEqualTo("'oapi.dingtalk.com/robot' is not an http:// or https:// URL");
        fields.text(Parameter.DINGTALK_ROBOT_URL).set("https://oapi.dingtalk.com/robot/send?access_token=t");
        fields.text(Parameter.PROMETHEUS_REPLICAS).set("3");
        fields.text(Parameter.THANOS_QUERY_REPLICAS).set("2");
        fields.flag(Parameter.THANOS_RULER).set(true);
        fields.text(Parameter.IMAGE_PULL_SECRETS).set("a, b");
        assertThat(fields.problems()).isEmpty();
        StackParameters p = fields.parameters();
        assertThat(p.prometheusReplicas()).isEqualTo(3);
        assertThat(p.thanosRuler()).isTrue();
        assertThat(p.imagePullSecrets()).containsExactly("a", "b");
        assertThat(fields.typedSecrets().dingtalkRobotUrl()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=t");
    }

    @Test
    void theCoordinatorInstallsThenUpgradesWithARecreateOnTheStrictMock() throws Exception {
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("standard").endMetadata().withProvisioner("x").build()).create();
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("fast").endMetadata().withProvisioner("x").build()).create();
        Path file = new KubeconfigWriter().cluster("k8s", kube.api().url()).tokenUser("ops", "t").context("k8s", "k8s", "ops", "monitoring")
                .current("k8s").write(dir.resolve("config"));
        Kubeconfig kubeconfig = new KubeconfigResolver(Map.of("KUBECONFIG", file.toString()), dir).load();
        WizardModel model = new WizardModel(DirectTasks.create(), Clock.systemUTC(), Map.of());
        try (ControllerLoop controllers = new ControllerLoop(kube.client(), "monitoring", "standard")) {
            model.target().chooseContext(kubeconfig, kubeconfig.context("k8s").orElseThrow());
            assertThat(model.target().statusProperty().get()).isEqualTo("Namespace monitoring will be created; you may install there.");
            model.fields().text(Parameter.STORAGE_CLASS).set("standard");
            model.fields().text(Parameter.WEBHOOK_URL).set("https://hooks.example/alert");
            for (WizardModel.Step expected : new WizardModel.Step[] {WizardModel.Step.COMPONENTS, WizardModel.Step.STORAGE,
                    WizardModel.Step.ALERTING, WizardModel.Step.IMAGES, WizardModel.Step.REVIEW}) {
                assertThat(model.canGoNext().get()).as("Next from " + model.stepProperty().get() + ": " + model.fields().problems()).isTrue();
                model.next();
                assertThat(model.stepProperty().get()).isEqualTo(expected);
            }
            assertThat(model.images().images()).contains("quay.io/prometheus/prometheus:v2.54.1");
            assertThat(model.review().summaryProperty().get()).startsWith("Plan: ").contains("to create");
            assertThat(model.review().plan()).filteredOn(i -> i.action() == PlanItem.Action.CREATE && !"Namespace".equals(i.object().getKind()))
                    .isNotEmpty();
            model.next();
            assertThat(model.install().endingProperty().get()).as(model.install().log()::toString).isEqualTo(Installation.Ending.READY);
            model.next();
            assertThat(model.stepProperty().get()).isEqualTo(WizardModel.Step.DONE);

            // An upgrade: prefilled from the cluster, another StorageClass → the StatefulSets need recreate.
            model.restart();
            assertThat(model.target().upgrade()).isTrue();
            assertThat(model.fields().text(Parameter.STORAGE_CLASS).get()).isEqualTo("standard");
            model.fields().text(Parameter.STORAGE_CLASS).set("fast");
            for (int i = 0; i < 5; i++) {
                model.next();
            }
            assertThat(model.stepProperty().get()).isEqualTo(WizardModel.Step.REVIEW);
            PlanItem prometheus = model.review().changes().stream().filter(i -> i.id().equals("StatefulSet/prometheus")).findFirst().orElseThrow();
            assertThat(prometheus.how()).isEqualTo(PlanItem.How.RECREATE);
            assertThat(prometheus.changes()).extracting(FieldChange::toString)
                    .containsExactly("/spec/volumeClaimTemplates/0/spec/storageClassName: standard → fast");
            assertThat(model.canGoNext().get()).isTrue();
            model.next();
            assertThat(model.install().endingProperty().get()).as(model.install().log()::toString).isEqualTo(Installation.Ending.READY);
            assertThat(model.install().log()).contains("deleted StatefulSet/prometheus (its pods and volumes stay) to create it again: needs recreate");
            assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get().getSpec()
                    .getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("fast");
        } finally {
            model.close();
        }
    }
}
