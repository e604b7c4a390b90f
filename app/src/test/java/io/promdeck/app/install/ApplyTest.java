package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.promdeck.testing.kube.MockApiExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plan and server-side apply against the mock (CRUD plus the apply shim described in MockApiServer). */
class ApplyTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private ApplyReport install(StackParameters p) {
        Plan plan = new Planner(kube.client()).plan(StackRenderer.render(p, StackRendererTest.SECRETS));
        return new Applier(kube.client()).apply(plan, s -> { });
    }

    @Test
    void installCreatesEveryObjectAndReapplyingWritesNothing() {
        StackParameters p = StackRendererTest.params();
        RenderedStack stack = StackRenderer.render(p, StackRendererTest.SECRETS);

        Plan first = new Planner(kube.client()).plan(stack);
        assertThat(first.of(PlanItem.Action.CREATE)).hasSize(stack.objects().size());
        List<String> progress = new ArrayList<>();
        ApplyReport report = new Applier(kube.client()).apply(first, progress::add);

        assertThat(report.complete()).isTrue();
        assertThat(report.applied()).hasSize(stack.objects().size());
        assertThat(progress.get(0)).isEqualTo("created Namespace/monitoring");
        StatefulSet live = kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get();
        assertThat(live.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "promdeck");
        assertThat(kube.client().configMaps().inNamespace("monitoring").withName(StackParameters.CONFIG_MAP).get().getData())
                .containsKey("parameters.json");

        kube.api().clearWrites();
        Plan again = new Planner(kube.client()).plan(StackRenderer.render(p, StackRendererTest.SECRETS));
        ApplyReport second = new Applier(kube.client()).apply(again, s -> { });

        assertThat(again.empty()).as(again.summary()).isTrue();
        assertThat(second.applied()).isEmpty();
        assertThat(kube.api().writes()).isEmpty();
    }

    @Test
    void aParameterChangeGivesAPlanWithExactlyTheChangedFields() {
        StackParameters p = StackRendererTest.params();
        install(p);

        Plan plan = new Planner(kube.client()).plan(StackRenderer.render(p.with(Map.of("prometheusRetention", "48h")), StackRendererTest.SECRETS));

        assertThat(plan.of(PlanItem.Action.UPDATE)).extracting(PlanItem::id)
                .containsExactlyInAnyOrder("StatefulSet/prometheus", "ConfigMap/" + StackParameters.CONFIG_MAP);
        PlanItem sts = plan.of(PlanItem.Action.UPDATE).stream().filter(i -> i.id().equals("StatefulSet/prometheus")).findFirst().orElseThrow();
        assertThat(sts.changedFields()).containsExactly("/spec/template/spec/containers/0/args/2");
        assertThat(plan.of(PlanItem.Action.CREATE)).isEmpty();

        kube.api().clearWrites();
        new Applier(kube.client()).apply(plan, s -> { });
        assertThat(kube.api().writes()).hasSize(2);
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs()).contains("--storage.tsdb.retention.time=48h");
    }

    @Test
    void disablingAComponentOrphansItsObjects() {
        StackParameters p = StackRendererTest.params();
        install(p);

        Plan plan = new Planner(kube.client()).plan(StackRenderer.render(p.with(Map.of("kubeStateMetrics", false)), StackRendererTest.SECRETS));

        assertThat(plan.of(PlanItem.Action.ORPHANED)).extracting(PlanItem::id).containsExactlyInAnyOrder(
                "ServiceAccount/kube-state-metrics", "ClusterRole/promdeck-monitoring-kube-state-metrics",
                "ClusterRoleBinding/promdeck-monitoring-kube-state-metrics", "Deployment/kube-state-metrics");
        ApplyReport report = new Applier(kube.client()).apply(plan, s -> { });
        assertThat(report.deleted()).hasSize(4);
        assertThat(kube.client().apps().deployments().inNamespace("monitoring").withName("kube-state-metrics").get()).isNull();
    }

    @Test
    void aForbiddenResourceIsNamedAndARerunAfterGrantingConverges() {
        StackParameters p = StackRendererTest.params();
        kube.api().forbidWrites("/clusterroles/");

        ApplyReport refused = install(p);

        assertThat(refused.complete()).isFalse();
        assertThat(refused.failures()).extracting(ApplyReport.Failure::object)
                .containsExactlyInAnyOrder("ClusterRole/promdeck-monitoring-prometheus", "ClusterRole/promdeck-monitoring-kube-state-metrics");
        assertThat(refused.failures().get(0).toString()).contains("forbidden (403)").contains("RBAC");
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get()).isNotNull();

        kube.api().allowWrites();
        kube.api().clearWrites();
        ApplyReport rerun = install(p);

        assertThat(rerun.complete()).isTrue();
        assertThat(rerun.applied()).containsExactlyInAnyOrder("ClusterRole/promdeck-monitoring-prometheus",
                "ClusterRole/promdeck-monitoring-kube-state-metrics");
        assertThat(new Planner(kube.client()).plan(StackRenderer.render(p, StackRendererTest.SECRETS)).empty()).isTrue();
    }
}
