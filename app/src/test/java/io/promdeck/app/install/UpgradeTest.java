package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.promdeck.testing.kube.ControllerLoop;
import io.promdeck.testing.kube.MockApiExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every upgrade the wizard offers, on the mock that refuses what a real API server refuses: plan (old → new values,
 * how each change is made, confirmed by a dry run), apply, rollout followed to READY, and a second plan that is
 * empty. The controller loop plays the StatefulSet controller (claims) and the kubelet (readiness).
 */
class UpgradeTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private ControllerLoop controllers;
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final Installation.Listener listener = new Installation.Listener() {
        @Override
        public void step(String line) {
            steps.add(line);
        }

        @Override
        public void progress(RolloutProgress progress) {
        }
    };

    @BeforeEach
    void classes() {
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("fixed").endMetadata().withProvisioner("rancher.io/local-path")
                .build()).create();
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("grows").endMetadata().withProvisioner("ebs.csi.aws.com")
                .withAllowVolumeExpansion(true).build()).create();
        controllers = new ControllerLoop(kube.client(), "monitoring", "fixed");
    }

    @AfterEach
    void stop() {
        controllers.close();
    }

    private static StackParameters base(String storageClass) {
        return StackRendererTest.params().with(Map.of("storageClass", storageClass));
    }

    private Installation.Result run(StackParameters p) throws InterruptedException {
        steps.clear();
        return new Installation(kube.client(), Clock.systemUTC()).run(StackRenderer.render(p, StackRendererTest.SECRETS), Duration.ofSeconds(30),
                () -> false, listener);
    }

    private Plan plan(StackParameters p) {
        Planner planner = new Planner(kube.client());
        return planner.confirm(planner.plan(StackRenderer.render(p, StackRendererTest.SECRETS)));
    }

    private List<String> upgradeWrites = List.of();

    /** Installs {@code before}, upgrades to {@code after}, asserts READY and an empty plan after; returns the upgrade's plan. */
    private Plan upgrade(StackParameters before, StackParameters after) throws InterruptedException {
        assertThat(run(before).ending()).as(steps::toString).isEqualTo(Installation.Ending.READY);
        Plan plan = plan(after);
        kube.api().clearWrites();
        Installation.Result result = run(after);
        upgradeWrites = kube.api().writes();
        assertThat(result.ending()).as(steps::toString).isEqualTo(Installation.Ending.READY);
        kube.api().clearWrites();
        Plan again = plan(after);
        assertThat(again.empty()).as(again.items().stream().filter(i -> i.action() != PlanItem.Action.UNCHANGED).toList()::toString).isTrue();
        new Applier(kube.client()).apply(again, s -> { });
        assertThat(kube.api().writes()).isEmpty();
        return plan;
    }

    private static PlanItem item(Plan plan, String id) {
        return plan.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " not in " + plan.items()));
    }

    private PersistentVolumeClaim claim(String name) {
        return kube.client().persistentVolumeClaims().inNamespace("monitoring").withName(name).get();
    }

    private StatefulSet statefulSet(String name) {
        return kube.client().apps().statefulSets().inNamespace("monitoring").withName(name).get();
    }

    @Test
    void volumeSizeWithAnExpandableClassGrowsEachClaimAndRecreatesTheStatefulSet() throws Exception {
        StackParameters before = base("grows");

        Plan plan = upgrade(before, before.with(Map.of("prometheusVolume", "100Gi")));

        PlanItem sts = item(plan, "StatefulSet/prometheus");
        assertThat(sts.how()).isEqualTo(PlanItem.How.EXPAND_VOLUMES);
        assertThat(sts.changes()).extracting(FieldChange::toString)
                .containsExactly("/spec/volumeClaimTemplates/0/spec/resources/requests/storage: 50Gi → 100Gi");
        assertThat(sts.resizes()).extracting(ClaimResize::toString).containsExactly(
                "PersistentVolumeClaim/data-prometheus-0 50Gi → 100Gi", "PersistentVolumeClaim/data-prometheus-1 50Gi → 100Gi");
        assertThat(sts.explanation()).contains("grown in place").contains("data is kept");
        assertThat(claim("data-prometheus-0").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("100Gi"));
        assertThat(claim("data-prometheus-1").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("100Gi"));
        assertThat(statefulSet("prometheus").getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("100Gi"));
        assertThat(steps).contains("deleted StatefulSet/prometheus (its pods and volumes stay) to create it again: volume expansion",
                "created again StatefulSet/prometheus");
        // Claims first, then the StatefulSet deleted leaving its pods (orphan), then applied again.
        assertThat(upgradeWrites).containsSubsequence("PATCH /api/v1/namespaces/monitoring/persistentvolumeclaims/data-prometheus-0",
                "DELETE /apis/apps/v1/namespaces/monitoring/statefulsets/prometheus propagationPolicy=Orphan",
                "PATCH /apis/apps/v1/namespaces/monitoring/statefulsets/prometheus");
    }

    @Test
    void volumeSizeWithAClassThatCannotGrowIsRefusedBeforeAnythingIsWritten() throws Exception {
        StackParameters before = base("fixed");
        assertThat(run(before).ending()).isEqualTo(Installation.Ending.READY);
        StackParameters after = before.with(Map.of("prometheusVolume", "100Gi"));
        kube.api().clearWrites();

        Plan plan = plan(after);
        Installation.Result result = run(after);

        PlanItem sts = item(plan, "StatefulSet/prometheus");
        assertThat(sts.how()).isEqualTo(PlanItem.How.REFUSED);
        assertThat(sts.explanation()).isEqualTo("StatefulSet/prometheus: volume data-prometheus-0 cannot grow to 100Gi: its StorageClass fixed "
                + "does not allow volume expansion (allowVolumeExpansion is not true). Keep 50Gi, or ask the cluster's administrator to allow "
                + "expansion for fixed.");
        assertThat(result.ending()).isEqualTo(Installation.Ending.FAILED_TO_APPLY);
        assertThat(steps).last().asString().isEqualTo("Nothing was applied: 1 object would be refused. Fix the cause and run again.");
        assertThat(kube.api().writes()).isEmpty();
    }

    @Test
    void shrinkingIsRefused() throws Exception {
        StackParameters before = base("grows");
        assertThat(run(before).ending()).isEqualTo(Installation.Ending.READY);

        Plan plan = plan(before.with(Map.of("alertmanagerVolume", "1Gi", "objectStoreVolume", "10Gi")));

        assertThat(item(plan, "StatefulSet/alertmanager").explanation()).isEqualTo("StatefulSet/alertmanager: volumes cannot shrink (data 2Gi → 1Gi). "
                + "Keep 2Gi or more.");
        assertThat(item(plan, "PersistentVolumeClaim/seaweedfs-data").how()).isEqualTo(PlanItem.How.REFUSED);
        assertThat(item(plan, "PersistentVolumeClaim/seaweedfs-data").explanation()).contains("cannot shrink (100Gi → 10Gi)");
    }

    @Test
    void aStandaloneClaimGrowsInPlaceWhenItsClassAllows() throws Exception {
        Plan plan = upgrade(base("grows"), base("grows").with(Map.of("objectStoreVolume", "200Gi")));

        PlanItem claim = item(plan, "PersistentVolumeClaim/seaweedfs-data");
        assertThat(claim.how()).isEqualTo(PlanItem.How.IN_PLACE);
        assertThat(claim.serverCheck()).isEqualTo("accepted by the API server's dry run");
        assertThat(claim("seaweedfs-data").getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("200Gi"));
    }

    @Test
    void anotherStorageClassRecreatesTheStatefulSetsAndKeepsExistingVolumes() throws Exception {
        Plan plan = upgrade(base("fixed"), base("grows"));

        PlanItem sts = item(plan, "StatefulSet/prometheus");
        assertThat(sts.how()).isEqualTo(PlanItem.How.RECREATE);
        assertThat(sts.changes()).extracting(FieldChange::toString).contains("/spec/volumeClaimTemplates/0/spec/storageClassName: fixed → grows");
        assertThat(sts.explanation()).contains("needs recreate").contains("orphan").contains("replaces the pods one by one")
                .contains("Volumes that exist keep StorageClass fixed");
        PlanItem claim = item(plan, "PersistentVolumeClaim/seaweedfs-data");
        assertThat(claim.action()).isEqualTo(PlanItem.Action.UNCHANGED);
        assertThat(claim.explanation()).startsWith("PersistentVolumeClaim/seaweedfs-data keeps StorageClass fixed");
        assertThat(claim("data-prometheus-0").getSpec().getStorageClassName()).isEqualTo("fixed");
        assertThat(statefulSet("prometheus").getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("grows");
    }

    @Test
    void aRegistryMirrorReplacesTheJobAndUpdatesTheRestInPlace() throws Exception {
        Plan plan = upgrade(base("fixed"), base("fixed").with(Map.of("registryMirror", "registry.corp:5000/mirror")));

        PlanItem job = item(plan, "Job/seaweedfs-create-bucket");
        assertThat(job.how()).isEqualTo(PlanItem.How.REPLACE);
        assertThat(job.changes()).extracting(FieldChange::path).containsExactly("/spec/template/spec/containers/0/image");
        assertThat(job.changes().get(0).after()).startsWith("registry.corp:5000/mirror/");
        assertThat(upgradeWrites).contains("DELETE /apis/batch/v1/namespaces/monitoring/jobs/seaweedfs-create-bucket propagationPolicy=Background");
        PlanItem prometheus = item(plan, "StatefulSet/prometheus");
        assertThat(prometheus.how()).isEqualTo(PlanItem.How.IN_PLACE);
        assertThat(prometheus.changes()).allMatch(c -> c.after().startsWith("registry.corp:5000/mirror/") && !c.before().startsWith("registry.corp"));
        assertThat(kube.client().batch().v1().jobs().inNamespace("monitoring").withName("seaweedfs-create-bucket").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).startsWith("registry.corp:5000/mirror/");
    }

    @Test
    void pullSecretsReplaceTheJobToo() throws Exception {
        Plan plan = upgrade(base("fixed"), base("fixed").with(Map.of("imagePullSecrets", List.of("corp-registry"))));

        assertThat(item(plan, "Job/seaweedfs-create-bucket").how()).isEqualTo(PlanItem.How.REPLACE);
        assertThat(item(plan, "StatefulSet/prometheus").changes()).extracting(FieldChange::toString)
                .contains("/spec/template/spec/imagePullSecrets: (not set) → [{\"name\":\"corp-registry\"}]");
    }

    @Test
    void replicaCountsChangeInPlace() throws Exception {
        Plan plan = upgrade(base("fixed"), base("fixed").with(Map.of("prometheusReplicas", 3, "alertmanagerReplicas", 5, "thanosQueryReplicas", 3)));

        assertThat(item(plan, "StatefulSet/prometheus").changes()).extracting(FieldChange::toString).contains("/spec/replicas: 2 → 3");
        assertThat(item(plan, "StatefulSet/alertmanager").how()).isEqualTo(PlanItem.How.IN_PLACE);
        assertThat(item(plan, "Deployment/thanos-query").changes()).extracting(FieldChange::toString).contains("/spec/replicas: 2 → 3");
        assertThat(statefulSet("alertmanager").getSpec().getReplicas()).isEqualTo(5);
        assertThat(claim("data-prometheus-2")).isNotNull();
    }

    @Test
    void goingShardedReplacesThePairByShardPairsAndSaysWhatHappensToItsData() throws Exception {
        Plan plan = upgrade(base("fixed"), base("fixed").with(Map.of("prometheusShards", 2)));

        assertThat(item(plan, "StatefulSet/prometheus").action()).isEqualTo(PlanItem.Action.ORPHANED);
        assertThat(item(plan, "StatefulSet/prometheus").explanation()).contains("data-prometheus-N", "prometheus-shard-0, prometheus-shard-1",
                "Store Gateway");
        assertThat(plan.of(PlanItem.Action.CREATE)).extracting(PlanItem::id).contains("StatefulSet/prometheus-shard-0",
                "StatefulSet/prometheus-shard-1", "PodDisruptionBudget/prometheus-shard-0", "ConfigMap/prometheus-config-shard-1");
        assertThat(statefulSet("prometheus")).isNull();
        assertThat(statefulSet("prometheus-shard-1").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(PrometheusShapes.SHARD, "1");
        assertThat(claim("data-prometheus-shard-1-1")).isNotNull();
        assertThat(claim("data-prometheus-0")).as("the old pair's data is kept").isNotNull();
    }

    @Test
    void agentModeReplacesTheThanosComponentsAndKeepsTheStatefulSet() throws Exception {
        StackParameters agents = ScaleOutTopologiesTest.agents().with(Map.of("storageClass", "fixed"));
        Plan plan = upgrade(base("fixed"), agents);

        assertThat(item(plan, "StatefulSet/prometheus").how()).isEqualTo(PlanItem.How.IN_PLACE);
        assertThat(plan.of(PlanItem.Action.ORPHANED)).extracting(PlanItem::id).contains("Deployment/thanos-query", "StatefulSet/thanos-compactor",
                "ConfigMap/prometheus-rules");
        assertThat(statefulSet("prometheus").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--enable-feature=agent");
    }

    @Test
    void everyOptionalComponentTogglesBothWays() throws Exception {
        StackParameters all = base("fixed").with(Map.of("thanosRuler", true));
        StackParameters none = base("fixed").with(Map.of("grafana", false, "nodeExporter", false, "kubeStateMetrics", false, "thanosRuler", false));

        Plan off = upgrade(all, none);
        List<String> orphaned = new ArrayList<>(off.of(PlanItem.Action.ORPHANED).stream().map(PlanItem::id).toList());
        assertThat(orphaned).contains("Deployment/grafana", "DaemonSet/node-exporter", "Deployment/kube-state-metrics", "StatefulSet/thanos-ruler");

        Plan on = plan(all);
        assertThat(on.of(PlanItem.Action.CREATE)).extracting(PlanItem::id)
                .contains("Deployment/grafana", "DaemonSet/node-exporter", "Deployment/kube-state-metrics", "StatefulSet/thanos-ruler");
        assertThat(run(all).ending()).as(steps::toString).isEqualTo(Installation.Ending.READY);
        assertThat(plan(all).empty()).isTrue();
    }

    @Test
    void aSecretsValuesNeverAppearInThePlan() throws Exception {
        assertThat(run(base("fixed")).ending()).isEqualTo(Installation.Ending.READY);

        Plan plan = new Planner(kube.client()).plan(StackRenderer.render(base("fixed"),
                new StackSecrets("AKIDTEST", "another-secret-key", "grafana-pw", "", "")));

        List<FieldChange> secret = plan.items().stream().filter(i -> "Secret".equals(i.object().getKind()))
                .flatMap(i -> i.changes().stream()).toList();
        assertThat(secret).isNotEmpty().allMatch(c -> c.before().equals(FieldChange.SECRET) && c.after().equals(FieldChange.SECRET));
        assertThat(plan.items().toString()).doesNotContain("another-secret-key").doesNotContain("secret/key+1");
    }
}
