package io.promdeck.ui.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.install.CheckResult;
import io.promdeck.app.install.Installation;
import io.promdeck.app.install.PlanItem;
import io.promdeck.app.install.StackParameters;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabOptions;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.kube.AccessPolicy;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import io.promdeck.ui.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The install wizard as an operator goes through it, clicking and typing, against fabric8's mock API server. The
 * test plays the cluster's controllers: it creates the S3 test Job's pod and outcome, sets workload statuses, and
 * adds a stuck claim and an image pull failure. The Done step's test alert goes through the mock's pod proxy to the
 * real 3-peer Alertmanager lab, whose route posts to a webhook on a test server. Screenshots: wizard-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WizardTest {

    static final TestHttpServer WEBHOOK = new TestHttpServer().answer("/hook", TestHttpServer.Reply.of(200, "text/plain", "ok"));

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(LabOptions.defaults().withAlertmanagerConfig(t -> LabConfigs.alertmanager(WEBHOOK.url() + "/hook")));

    private static final String NS = "monitoring";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static MockApiServer api;
    private static KubernetesClient kube;
    private static ConsoleFixture console;
    private static Path exportFolder;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        api = new MockApiServer();
        api.userName("alice@example.com");
        Path dir = Files.createTempDirectory("promdeck-wizard-kube");
        exportFolder = dir.resolve("export");
        Path kubeconfig = new KubeconfigWriter().cluster("prod", api.url()).tokenUser("alice", "token-a")
                .context("prod", "prod", "alice", "default").current("prod").write(dir.resolve("config"));
        kube = api.server().createClient();
        kube.resource(new StorageClassBuilder().withNewMetadata().withName("standard")
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).endMetadata()
                .withProvisioner("rancher.io/local-path").build()).create();
        kube.resource(new StorageClassBuilder().withNewMetadata().withName("fast-ssd").endMetadata().withProvisioner("ebs.csi.aws.com").build())
                .create();
        console = ConsoleFixture.start(kubeconfig.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        kube.close();
        api.close();
        WEBHOOK.close();
    }

    private WizardModel model() {
        return console.console().wizard();
    }

    @Test
    @Order(1)
    void targetStepChecksTheNamespaceAndAccessBeforeNext() {
        click("#nav-install");
        shot("wizard-1-target-empty");
        assertThat(nextDisabled()).isTrue();

        click("#wizard-context");
        robot.clickOn("prod  ·  " + api.url());
        replaceText("#wizard-namespace .text-field", "Monitoring_NS");
        awaitText("#wizard-namespace-error", "is not a DNS-1123 label");
        assertThat(nextDisabled()).isTrue();
        shot("wizard-1-target-invalid");

        // RBAC decides up front, and says what is missing: a user who may not create ClusterRoles cannot install.
        api.policy(AccessPolicy.allowAll().except(a -> a.resource().equals("clusterroles") && a.verb().equals("create")));
        replaceText("#wizard-namespace .text-field", NS);
        awaitText("#wizard-target-error", "You cannot install into monitoring with this context: missing create");
        assertThat(text("#wizard-target-error")).contains("clusterroles");
        assertThat(nextDisabled()).isTrue();
        shot("wizard-1-target-forbidden");
        api.policy(AccessPolicy.allowAll());
        replaceText("#wizard-namespace .text-field", "");
        replaceText("#wizard-namespace .text-field", NS);
        awaitText("#wizard-target-status", "Namespace monitoring will be created; you may install there.");
        assertThat(text("#wizard-namespace-error")).isEmpty();
        click("#wizard-storage-class");
        robot.clickOn("fast-ssd · ebs.csi.aws.com");
        assertThat(model().fields().parameters().storageClass()).isEqualTo("fast-ssd");
        click("#wizard-storage-class");
        robot.clickOn("cluster default (standard)");
        Await.until(WAIT, "Next to be enabled", () -> !nextDisabled(), () -> model().fields().problems().toString());
        shot("wizard-1-target");
        click("#wizard-next");
        assertThat(model().stepProperty().get()).isEqualTo(WizardModel.Step.COMPONENTS);
    }

    @Test
    @Order(2)
    void componentsStepSetsReplicasTheReplicaLabelAndOptionalComponents() {
        replaceText("#wizard-prometheus-replicas", "1");
        awaitText("#wizard-prometheus-replicas-error", "HA needs at least 2 Prometheus replicas");
        replaceText("#wizard-alertmanager-replicas", "three");
        awaitText("#wizard-alertmanager-replicas-error", "'three' is not a whole number");
        replaceText("#wizard-replica-label", "replica-name");
        awaitText("#wizard-replica-label-error", "not a Prometheus label name");
        assertThat(nextDisabled()).isTrue();
        assertThat(text("#wizard-blocking")).isEqualTo("3 fields need attention");
        shot("wizard-2-components-invalid");
        replaceText("#wizard-prometheus-replicas", "2");
        replaceText("#wizard-alertmanager-replicas", "3");
        replaceText("#wizard-replica-label", "replica");
        click("#wizard-ruler");
        click("#wizard-ruler");
        awaitText("#wizard-blocking", "");
        assertThat(model().fields().parameters().thanosRuler()).isFalse();
        assertThat(model().fields().parameters().alertmanagerReplicas()).isEqualTo(3);
        shot("wizard-2-components");
        click("#wizard-next");
        assertThat(model().stepProperty().get()).isEqualTo(WizardModel.Step.STORAGE);
    }

    @Test
    @Order(3)
    void storageStepRefusesBadSizesAndTestsAnExistingEndpointFromTheCluster() throws Exception {
        replaceText("#wizard-prometheus-volume", "50GB");
        awaitText("#wizard-prometheus-volume-error", "'50GB' is not a Kubernetes quantity such as 500m, 2Gi or 100Gi");
        replaceText("#wizard-retention", "2h");
        awaitText("#wizard-retention-error", "keep at least 6h locally");
        assertThat(nextDisabled()).isTrue();
        assertThat(text("#wizard-blocking")).isEqualTo("2 fields need attention");
        shot("wizard-2-storage-invalid");
        replaceText("#wizard-prometheus-volume", "80Gi");
        replaceText("#wizard-retention", "12h");
        awaitText("#wizard-blocking", "");

        click("#wizard-backend-existing");
        assertThat(nextDisabled()).as("endpoint and keys missing").isTrue();
        click("#wizard-s3-endpoint").write("minio.storage.svc:9000");
        click("#wizard-s3-access-key").write("AKIAWIZARD");
        click("#wizard-s3-secret-key").write("wizard-secret-key");
        click("#wizard-s3-insecure");
        Await.until(WAIT, "Next to be enabled", () -> !nextDisabled(), () -> model().fields().problems().toString());
        click("#wizard-s3-test");
        // Play the Job controller and the kubelet: the test pod runs and Thanos lists the bucket.
        Await.until(WAIT, "the connection-test Job", () -> !kube.batch().v1().jobs().inNamespace(NS).list().getItems().isEmpty(),
                () -> text("#wizard-s3-test-result"));
        Job job = kube.batch().v1().jobs().inNamespace(NS).list().getItems().get(0);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("tools", "bucket", "ls");
        String name = job.getMetadata().getName();
        kube.resource(new PodBuilder().withNewMetadata().withName(name + "-x1").withNamespace(NS).withLabels(Map.of("job-name", name))
                .endMetadata().withNewStatus().withPhase("Succeeded").endStatus().build()).create();
        api.podLog(NS, name + "-x1", "level=info msg=\"Done\" blocks=0");
        kube.resource(new JobBuilder(job).withNewStatus().withSucceeded(1).endStatus().build()).updateStatus();
        awaitText("#wizard-s3-test-result", "The cluster reached the bucket: Thanos listed it from namespace monitoring.");
        shot("wizard-2-storage-s3-tested");
        assertThat(kube.batch().v1().jobs().inNamespace(NS).list().getItems()).as("test Job removed").isEmpty();

        // Agents: the receiver is required, Grafana (on) has nothing to show, and a wrong receiver line is named.
        click("#wizard-backend-agent");
        awaitText("#wizard-remote-write-error", "agents keep no data: name the receiver they write to");
        awaitText("#wizard-backend-error", "agents answer no queries");
        assertThat(nextDisabled()).isTrue();
        click("#wizard-remote-write").write("greptime:4000/v1/prometheus/write");
        awaitText("#wizard-remote-write-error", "line 1: 'greptime:4000/v1/prometheus/write' is not an http:// or https:// URL");
        replaceText("#wizard-remote-write", "http://greptimedb-frontend.db:4000/v1/prometheus/write?db=public name=greptime secret=greptime-auth auth=basic user=prom");
        awaitText("#wizard-remote-write-error", "");
        assertThat(model().fields().parameters().remoteWrite()).singleElement().satisfies(t -> assertThat(t.user()).isEqualTo("prom"));
        shot("wizard-2-storage-agents");
        replaceText("#wizard-remote-write", "");

        click("#wizard-backend-bundled");
        Await.until(WAIT, "Next to be enabled", () -> !nextDisabled(), () -> model().fields().problems().toString());
        shot("wizard-2-storage");
        click("#wizard-next");
    }

    @Test
    @Order(4)
    void alertingStepChecksUrlsAndBackKeepsEveryValue() {
        replaceText("#wizard-webhook", "alert-webhook:8080");
        awaitText("#wizard-webhook-error", "is not an http:// or https:// URL");
        click("#wizard-dingtalk");
        awaitText("#wizard-dingtalk-url-error", "needed: the DingTalk robot's webhook URL");
        assertThat(nextDisabled()).isTrue();
        shot("wizard-3-alerting-invalid");
        replaceText("#wizard-webhook", "http://alert-webhook.monitoring.svc:8080/");
        click("#wizard-dingtalk-url").write("https://oapi.dingtalk.com/robot/send?access_token=tok123");
        awaitText("#wizard-blocking", "");

        click("#wizard-back");
        assertThat(Fx.get(() -> ((TextField) robot.lookup("#wizard-prometheus-volume").query()).getText())).isEqualTo("80Gi");
        assertThat(Fx.get(() -> ((TextField) robot.lookup("#wizard-retention").query()).getText())).isEqualTo("12h");
        click("#wizard-next");
        assertThat(Fx.get(() -> ((TextField) robot.lookup("#wizard-webhook").query()).getText())).isEqualTo("http://alert-webhook.monitoring.svc:8080/");
        shot("wizard-3-alerting");
        click("#wizard-next");
    }

    @Test
    @Order(5)
    void imagesStepListsTheImagesWithTheMirror() {
        replaceText("#wizard-registry-mirror", "https://registry.corp:5000");
        awaitText("#wizard-registry-mirror-error", "no scheme");
        shot("wizard-4-images-invalid");
        replaceText("#wizard-registry-mirror", "registry.corp:5000/mirror");
        click("#wizard-pull-secrets").write("corp-pull");
        awaitText("#wizard-blocking", "");
        Await.until(WAIT, "the mirrored image list", () -> listItems("#wizard-images").contains("registry.corp:5000/mirror/prometheus/prometheus:v2.54.1"),
                () -> listItems("#wizard-images").toString());
        assertThat(listItems("#wizard-images")).contains("registry.corp:5000/mirror/thanos/thanos:v0.36.1",
                "registry.corp:5000/mirror/timonwong/prometheus-webhook-dingtalk:v2.1.0");
        shot("wizard-4-images");
        click("#wizard-next");
    }

    @Test
    @Order(6)
    void reviewShowsChecksPlanAndManifestsAndExports() {
        Await.until(WAIT, "the review", () -> model().review().renderedProperty().get() != null, () -> model().review().errorProperty().get());
        List<CheckResult> checks = Fx.get(() -> List.copyOf(model().review().checks()));
        assertThat(checks).extracting(CheckResult::name).contains("replica label distinct per pod", "exactly one compactor", "promtool check config",
                "amtool check-config");
        assertThat(checks).noneMatch(CheckResult::failed);
        assertThat(text("#wizard-plan-summary")).startsWith("Plan: ").contains("create");
        // The S3 test created the namespace already; everything else is new.
        assertThat(Fx.get(() -> model().review().plan().stream().filter(i -> i.action() != PlanItem.Action.CREATE).map(PlanItem::id).toList()))
                .containsExactly("Namespace/monitoring");
        String yaml = Fx.get(() -> ((TextArea) robot.lookup("#wizard-yaml").query()).getText());
        assertThat(yaml).contains("kind: \"Namespace\"");
        click("#wizard-components");
        robot.clickOn(robot.lookup("#wizard-components .list-cell").match(LabeledMatchers.hasText("prometheus")).queryAs(Node.class));
        assertThat(Fx.get(() -> ((TextArea) robot.lookup("#wizard-yaml").query()).getText()))
                .contains("kind: \"StatefulSet\"", "registry.corp:5000/mirror/prometheus/prometheus:v2.54.1", "--storage.tsdb.retention.time=12h");
        assertThat(nextText()).isEqualTo("Install");
        click("#wizard-export-folder").write(exportFolder.toString());
        click("#wizard-export");
        awaitText("#wizard-export-result", "with secret values masked");
        assertThat(exportFolder.resolve("kustomization.yaml")).exists();
        shot("wizard-5-review");
    }

    @Test
    @Order(7)
    void installShowsProgressAndFailuresAsSentencesAndCanBeCancelled() {
        click("#wizard-next");
        Await.until(WAIT, "the rollout to be followed", () -> Fx.get(() -> model().install().workloads().size()) > 0, () -> Fx.get(() -> model().install().log().toString()));
        assertThat(kube.configMaps().inNamespace(NS).withName(StackParameters.CONFIG_MAP).get()).as("parameters stored").isNotNull();
        // The cluster misbehaves: a claim on a missing StorageClass, an image that cannot be pulled.
        kube.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-prometheus-0").withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/instance", "promdeck")).endMetadata()
                .withNewSpec().withStorageClassName("fast-ssd").endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
        kube.resource(new EventBuilder().withNewMetadata().withName("data-prometheus-0.1").withNamespace(NS).endMetadata().withType("Warning")
                .withReason("ProvisioningFailed").withMessage("storageclass.storage.k8s.io \"fast-ssd\" not found")
                .withNewInvolvedObject().withKind("PersistentVolumeClaim").withName("data-prometheus-0").withNamespace(NS).endInvolvedObject()
                .withLastTimestamp(Instant.now().toString()).withCount(3).build()).create();
        kube.resource(new PodBuilder().withNewMetadata().withName("thanos-query-7d9f-abcde").withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/instance", "promdeck",
                        "app.kubernetes.io/component", "thanos-query")).endMetadata()
                .withNewSpec().addNewContainer().withName("thanos-query").withImage("registry.corp:5000/mirror/thanos/thanos:v0.36.1").endContainer()
                .endSpec().withNewStatus().withPhase("Pending").addNewContainerStatus().withName("thanos-query")
                .withImage("registry.corp:5000/mirror/thanos/thanos:v0.36.1").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image").endWaiting().endState().endContainerStatus().endStatus().build()).create();

        Await.until(WAIT, "both failures as sentences", () -> Fx.get(() -> model().install().problems().size()) >= 2,
                () -> Fx.get(() -> model().install().problems().toString()));
        List<String> problems = Fx.get(() -> List.copyOf(model().install().problems()));
        assertThat(problems).anyMatch(p -> p.startsWith("Volume claim data-prometheus-0 is Pending: the StorageClass 'fast-ssd' does not exist"));
        assertThat(problems).anyMatch(p -> p.startsWith("Pod thanos-query-7d9f-abcde cannot pull image registry.corp:5000/mirror/thanos/thanos:v0.36.1 "
                + "from registry registry.corp:5000"));
        assertThat(listItems("#wizard-events")).anyMatch(e -> e.contains("ProvisioningFailed"));
        shot("wizard-6-install-problems");

        click("#wizard-cancel");
        Await.until(WAIT, "the run to stop", () -> Fx.get(() -> model().install().endingProperty().get()) == Installation.Ending.CANCELLED, () -> "");
        awaitText("#wizard-ending", "the wizard can resume from any workstation");
        shot("wizard-6-install-cancelled");
    }

    @Test
    @Order(8)
    void resumingAfterCancelConvergesToReady() {
        click("#wizard-retry");
        Await.until(WAIT, "the review", () -> model().review().renderedProperty().get() != null && !Fx.get(() -> model().busyProperty().get()), () -> "");
        assertThat(text("#wizard-plan-summary")).isEqualTo("Nothing to change: the cluster already runs these parameters.");
        kube.pods().inNamespace(NS).withName("thanos-query-7d9f-abcde").delete();
        // A claim's StorageClass cannot change (the strict mock refuses it as a real server does): the operator recreates it.
        kube.persistentVolumeClaims().inNamespace(NS).withName("data-prometheus-0").delete();
        kube.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-prometheus-0").withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/instance", "promdeck")).endMetadata()
                .withNewSpec().withStorageClassName("standard").endSpec().withNewStatus().withPhase("Bound").endStatus().build()).create();
        click("#wizard-next");
        Await.until(WAIT, "the rollout to be followed", () -> Fx.get(() -> model().install().workloads().size()) > 0, () -> "");
        seedAlertmanagerPods();
        markAllReady();
        Await.until(WAIT, "every workload ready", () -> Fx.get(() -> model().install().endingProperty().get()) == Installation.Ending.READY,
                () -> Fx.get(() -> model().install().workloads().toString() + model().install().problems()));
        assertThat(Fx.get(() -> model().install().workloads().stream().allMatch(w -> w.done()))).isTrue();
        shot("wizard-6-install-ready");
        click("#wizard-next");
        assertThat(model().stepProperty().get()).isEqualTo(WizardModel.Step.DONE);
    }

    @Test
    @Order(9)
    void doneSendsATestAlertThroughThePodProxyAndReadsTheCounters() {
        int before = WEBHOOK.received("/hook").size();
        click("#wizard-test-alert");
        Await.until(Duration.ofSeconds(60), "the test alert's verdict", () -> text("#wizard-test-alert-result").startsWith("Delivered")
                || text("#wizard-test-alert-result").contains("fail") || text("#wizard-test-alert-result").startsWith("No "),
                () -> text("#wizard-test-alert-result"));
        assertThat(text("#wizard-test-alert-result")).startsWith("Delivered: Alertmanager sent the test alert through webhook");
        assertThat(WEBHOOK.received("/hook").subList(before, WEBHOOK.received("/hook").size()))
                .anyMatch(r -> r.body().contains("PromdeckTestAlert") && r.body().contains("\"cluster\":\"monitoring\""));
        shot("wizard-7-done");

        click("#wizard-open-overview");
        Await.until(WAIT, "the console connected to the new stack", () -> Fx.get(() -> console.console().session().sessionProperty().get()) != null,
                () -> Fx.get(() -> console.console().session().connectErrorProperty().get()));
        assertThat(Fx.get(() -> ((javafx.scene.control.ToggleButton) robot.lookup("#nav-overview").query()).isSelected())).isTrue();
        Await.until(WAIT, "the Alertmanager peers to answer", () -> Fx.get(() -> console.console().session().stateProperty().get()) != null
                && Fx.get(() -> console.console().session().stateProperty().get().peers().size()) == 3, () -> "");
        // The test seeded no Prometheus pods: the overview says so.
        Await.until(WAIT, "the missing replicas reported", () -> findingSummaries().stream()
                .anyMatch(p -> p.startsWith("No Prometheus replica was found")), () -> findingSummaries().toString());
        assertThat(Fx.get(() -> ((TextField) robot.lookup("#top-namespace").query()).getText())).isEqualTo(NS);
        shot("wizard-7-overview");
        click("#nav-install");
    }

    @Test
    @Order(10)
    void runningAgainIsAnUpgradePrefilledFromTheClusterWhosePlanShowsOnlyTheDifference() {
        click("#wizard-restart");
        awaitText("#wizard-target-status", "Upgrade: instance 'promdeck' is installed in monitoring");
        Await.until(WAIT, "Next to be enabled", () -> !nextDisabled(), () -> model().fields().problems().toString());
        // Another StorageClass: a real API server refuses it in place (volumeClaimTemplates are immutable).
        click("#wizard-storage-class");
        robot.clickOn("fast-ssd · ebs.csi.aws.com");
        shot("wizard-8-upgrade-target");
        click("#wizard-next");
        replaceText("#wizard-prometheus-replicas", "3");
        click("#wizard-next");
        assertThat(Fx.get(() -> ((TextField) robot.lookup("#wizard-retention").query()).getText())).as("prefilled from the cluster").isEqualTo("12h");
        replaceText("#wizard-retention", "48h");
        click("#wizard-next");
        click("#wizard-next");
        Await.until(WAIT, "the image list", () -> !listItems("#wizard-images").isEmpty(), () -> "");
        assertThat(listItems("#wizard-images")).contains("registry.corp:5000/mirror/prometheus/prometheus:v2.54.1");
        click("#wizard-next");
        Await.until(WAIT, "the review", () -> model().review().renderedProperty().get() != null && !Fx.get(() -> model().busyProperty().get()),
                () -> model().review().errorProperty().get());
        List<PlanItem> changes = Fx.get(() -> List.copyOf(model().review().changes()));
        PlanItem prometheus = changes.stream().filter(i -> i.id().equals("StatefulSet/prometheus")).findFirst().orElseThrow();
        assertThat(prometheus.how()).isEqualTo(PlanItem.How.RECREATE);
        assertThat(prometheus.changes()).extracting(Object::toString).contains("/spec/replicas: 2 → 3",
                "/spec/template/spec/containers/0/args/2: --storage.tsdb.retention.time=12h → --storage.tsdb.retention.time=48h",
                "/spec/volumeClaimTemplates/0/spec/storageClassName: (not set) → fast-ssd");
        assertThat(changes).extracting(PlanItem::id).contains("ConfigMap/promdeck-install", "StatefulSet/alertmanager")
                .doesNotContain("Deployment/thanos-query");
        assertThat(listItems("#wizard-plan")).anyMatch(row -> row.contains("StatefulSet/prometheus") && row.contains("needs recreate"));
        String row = Fx.get(() -> ReviewPane.text(prometheus));
        assertThat(row).contains("update  StatefulSet/prometheus  —  needs recreate", "/spec/replicas: 2 → 3", "orphan");
        assertThat(nextText()).isEqualTo("Upgrade");
        Fx.get(() -> {
            ((ListView<?>) robot.lookup("#wizard-plan").query()).scrollTo(0);
            return null;
        });
        click("#wizard-plan");
        shot("wizard-8-upgrade-review");
    }

    @Test
    @Order(11)
    void uninstallListsWhatGoesKeepsClaimsUnlessTickedAndConfirms() {
        for (int i = 0; i < 5; i++) {
            click("#wizard-back");
        }
        kube.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-alertmanager-0").withNamespace(NS)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/instance", "promdeck")).endMetadata()
                .withNewStatus().withPhase("Bound").endStatus().build()).create();
        click("#wizard-uninstall");
        Await.until(WAIT, "the listing", () -> robot.lookup("#uninstall-confirm").tryQuery().isPresent()
                && Fx.get(() -> ((Button) robot.lookup("#uninstall-confirm").query()).getText()).matches("Delete \\d+ objects"), () -> "");
        List<String> listed = listItems("#uninstall-listing");
        assertThat(listed).contains("StatefulSet/prometheus", "Secret/thanos-objstore", "ConfigMap/" + StackParameters.CONFIG_MAP)
                .noneMatch(o -> o.startsWith("PersistentVolumeClaim/"));
        click("#uninstall-volumes");
        Await.until(WAIT, "claims listed", () -> listItems("#uninstall-listing").stream().anyMatch(o -> o.startsWith("PersistentVolumeClaim/")), () -> "");
        Screenshots.window("wizard-9-uninstall-with-volumes", robot.lookup("#uninstall-listing").query());
        click("#uninstall-volumes");
        Await.until(WAIT, "claims unlisted", () -> listItems("#uninstall-listing").stream().noneMatch(o -> o.startsWith("PersistentVolumeClaim/")), () -> "");
        Screenshots.window("wizard-9-uninstall", robot.lookup("#uninstall-listing").query());
        click("#uninstall-confirm");
        Await.until(WAIT, "the uninstall", () -> text("#uninstall-status").startsWith("Deleted"), () -> text("#uninstall-status"));
        assertThat(text("#uninstall-status")).endsWith("volume claims kept.");
        assertThat(kube.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(kube.configMaps().inNamespace(NS).withName(StackParameters.CONFIG_MAP).get()).isNull();
        assertThat(kube.persistentVolumeClaims().inNamespace(NS).list().getItems()).extracting(c -> c.getMetadata().getName())
                .contains("data-alertmanager-0", "data-prometheus-0");
        Screenshots.window("wizard-9-uninstalled", robot.lookup("#uninstall-listing").query());
        click("#uninstall-cancel");
        awaitText("#wizard-target-status", "Namespace monitoring exists and has no Promdeck stack");
    }

    // ---- the cluster's part ----

    /** Alertmanager pods as the StatefulSet controller would create them, proxied to the lab's real peers. */
    private static void seedAlertmanagerPods() {
        for (int i = 0; i < 3; i++) {
            String pod = "alertmanager-" + i;
            kube.resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(NS)
                    .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/instance", "promdeck",
                            "app.kubernetes.io/component", "alertmanager", "app.kubernetes.io/name", "alertmanager"))
                    .addNewOwnerReference().withKind("StatefulSet").withName("alertmanager").withController(true).withApiVersion("apps/v1")
                    .withUid("alertmanager").endOwnerReference().endMetadata()
                    .withNewSpec().addNewContainer().withName("alertmanager").withImage("alertmanager").addNewPort().withName("web")
                    .withContainerPort(9093).endPort().endContainer().endSpec()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addNewContainerStatus().withName("alertmanager").withReady(true).withRestartCount(0).endContainerStatus().endStatus()
                    .build()).create();
            api.routePodProxy(NS, pod, 9093, LAB.lab().alertmanager(i).url());
        }
    }

    private static void markAllReady() {
        for (StatefulSet s : kube.apps().statefulSets().inNamespace(NS).list().getItems()) {
            kube.resource(new StatefulSetBuilder(s).withNewStatus().withReplicas(s.getSpec().getReplicas())
                    .withReadyReplicas(s.getSpec().getReplicas()).withUpdatedReplicas(s.getSpec().getReplicas())
                    .withObservedGeneration(s.getMetadata().getGeneration()).endStatus().build()).updateStatus();
        }
        for (Deployment d : kube.apps().deployments().inNamespace(NS).list().getItems()) {
            kube.resource(new DeploymentBuilder(d).withNewStatus().withReplicas(d.getSpec().getReplicas())
                    .withReadyReplicas(d.getSpec().getReplicas()).withUpdatedReplicas(d.getSpec().getReplicas())
                    .withObservedGeneration(d.getMetadata().getGeneration()).endStatus().build()).updateStatus();
        }
        for (DaemonSet d : kube.apps().daemonSets().inNamespace(NS).list().getItems()) {
            kube.resource(new DaemonSetBuilder(d).withNewStatus().withDesiredNumberScheduled(3).withNumberReady(3).withUpdatedNumberScheduled(3)
                    .withObservedGeneration(d.getMetadata().getGeneration()).endStatus().build()).updateStatus();
        }
    }

    // ---- helpers ----

    private boolean nextDisabled() {
        return Fx.get(() -> robot.lookup("#wizard-next").query().isDisabled());
    }

    private String nextText() {
        return Fx.get(() -> ((Button) robot.lookup("#wizard-next").query()).getText());
    }

    private String text(String query) {
        return Fx.get(() -> ((Label) robot.lookup(query).query()).getText());
    }

    @SuppressWarnings("unchecked")
    private List<String> listItems(String query) {
        return Fx.get(() -> ((ListView<Object>) robot.lookup(query).query()).getItems().stream().map(String::valueOf).toList());
    }

    private void awaitText(String query, String part) {
        Supplier<String> now = () -> text(query);
        Await.until(WAIT, query + " to show '" + part + "'", () -> part.isEmpty() ? now.get().isEmpty() : now.get().contains(part), now::get);
    }

    private void replaceText(String query, String text) {
        click(query);
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    /** Scrolls the page so the node is in view, as a person would, then clicks it. */
    private org.testfx.api.FxRobotInterface click(String query) {
        Fx.get(() -> {
            Node node = robot.lookup(query).query();
            Parent parent = node.getParent();
            while (parent != null && !(parent instanceof ScrollPane)) {
                parent = parent.getParent();
            }
            if (parent instanceof ScrollPane scroll) {
                Bounds bounds = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double content = scroll.getContent().getBoundsInLocal().getHeight();
                double view = scroll.getViewportBounds().getHeight();
                if (content > view) {
                    scroll.setVvalue(Math.max(0, Math.min(1, (bounds.getMinY() - 40) / (content - view))));
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot.clickOn(query);
    }

    private static void shot(String name) {
        console.screenshot(name);
    }

    @SuppressWarnings("unchecked")
    private List<String> findingSummaries() {
        return Fx.get(() -> ((javafx.scene.control.ListView<io.promdeck.app.doctor.Finding>) robot.lookup("#overview-findings").query())
                .getItems().stream().map(io.promdeck.app.doctor.Finding::summary).toList());
    }
}
