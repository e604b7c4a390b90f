package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.promdeck.testing.Await;
import io.promdeck.testing.kube.MockApiExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An install run end to end on the mock, cancelled and resumed; and what the wizard reads before installing. */
class InstallationTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final List<RolloutProgress> progress = new CopyOnWriteArrayList<>();
    private final Installation.Listener listener = new Installation.Listener() {
        @Override
        public void step(String line) {
            steps.add(line);
        }

        @Override
        public void progress(RolloutProgress p) {
            progress.add(p);
        }
    };

    private static RenderedStack stack() {
        return StackRenderer.render(StackRendererTest.params().with(Map.of("nodeExporter", false, "kubeStateMetrics", false)),
                StackRendererTest.SECRETS);
    }

    @Test
    void theParametersAreWrittenRightAfterTheNamespace() {
        List<RenderedObject> objects = stack().objects();

        assertThat(objects.get(0).kind()).isEqualTo("Namespace");
        assertThat(objects.get(1).kind() + "/" + objects.get(1).name()).isEqualTo("ConfigMap/" + StackParameters.CONFIG_MAP);
    }

    @Test
    void cancelledDuringApplyThenResumedFromTheStoredParametersConverges() throws Exception {
        RenderedStack stack = stack();
        AtomicBoolean cancel = new AtomicBoolean();
        Installation.Listener cancelAfterThree = new Installation.Listener() {
            @Override
            public void step(String line) {
                steps.add(line);
                if (steps.stream().filter(s -> s.startsWith("created ")).count() == 3) {
                    cancel.set(true);
                }
            }

            @Override
            public void progress(RolloutProgress p) {
            }
        };

        Installation.Result first = new Installation(kube.client(), Clock.systemUTC()).run(stack, Duration.ofSeconds(5), cancel::get, cancelAfterThree);

        assertThat(first.ending()).isEqualTo(Installation.Ending.CANCELLED);
        assertThat(first.applied().applied()).hasSize(3);
        assertThat(steps).last().asString().startsWith("Cancelled after 3 objects");
        // Another workstation: the parameters are in the cluster, so the wizard prefills from them and the plan is the rest.
        StackParameters stored = new InstallState(kube.client()).parameters("monitoring").orElseThrow();
        assertThat(stored).isEqualTo(stack.parameters());
        Plan rest = new Planner(kube.client()).plan(StackRenderer.render(stored, StackRendererTest.SECRETS));
        assertThat(rest.of(PlanItem.Action.UNCHANGED)).hasSize(3);
        assertThat(rest.of(PlanItem.Action.CREATE)).hasSize(stack.objects().size() - 3);

        CompletableFuture<Installation.Result> second = CompletableFuture.supplyAsync(() -> {
            try {
                return new Installation(kube.client(), Clock.systemUTC()).run(stack, Duration.ofSeconds(30), () -> false, listener);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(20), "the rollout to be followed", () -> !progress.isEmpty(), steps::toString);
        stack.objects().forEach(o -> RolloutTest.markReady(kube, o));
        Installation.Result result = second.get(30, TimeUnit.SECONDS);

        assertThat(result.ending()).isEqualTo(Installation.Ending.READY);
        assertThat(result.applied().applied()).hasSize(stack.objects().size() - 3);
        assertThat(steps).anyMatch(s -> s.startsWith("Every workload is ready"));
        assertThat(new Planner(kube.client()).plan(stack).empty()).isTrue();
    }

    @Test
    void aRefusedObjectStopsBeforeTheRolloutAndSaysSo() throws Exception {
        kube.api().forbidWrites("clusterroles");

        Installation.Result result = new Installation(kube.client(), Clock.systemUTC()).run(stack(), Duration.ofSeconds(5), () -> false, listener);

        assertThat(result.ending()).isEqualTo(Installation.Ending.FAILED_TO_APPLY);
        assertThat(result.applied().failures()).extracting(ApplyReport.Failure::object).isNotEmpty().allMatch(o -> o.startsWith("ClusterRole/"));
        assertThat(result.plan().of(PlanItem.How.REFUSED)).extracting(PlanItem::serverCheck)
                .containsOnly("refused by the API server's dry run (403)");
        assertThat(result.applied().failures()).allMatch(f -> f.status() == 403);
        assertThat(steps).last().asString().isEqualTo("Nothing was applied: 1 object would be refused. Fix the cause and run again.");
        // The dry run found it before anything was written: nothing half-done.
        assertThat(result.applied().applied()).isEmpty();
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").list().getItems()).isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void theTargetListsStorageClassesDefaultFirstAndFindsAnExistingInstall() throws Exception {
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("fast").endMetadata().withProvisioner("ebs.csi.aws.com").build())
                .create();
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("standard")
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).endMetadata()
                .withProvisioner("rancher.io/local-path").build()).create();
        InstallTarget target = new InstallTarget(kube.client(), Runnable::run);

        assertThat(target.storageClasses()).extracting(StorageClassInfo::label)
                .containsExactly("standard (default) · rancher.io/local-path", "fast · ebs.csi.aws.com");
        InstallTarget.Inspection empty = target.inspect("monitoring");
        assertThat(empty.exists()).isFalse();
        assertThat(empty.existing()).isEmpty();
        assertThat(empty.canInstall()).isTrue();

        RenderedStack stack = stack();
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(stack), s -> { });
        InstallTarget.Inspection installed = target.inspect("monitoring");
        assertThat(installed.exists()).isTrue();
        assertThat(installed.existing()).contains(stack.parameters());
        assertThat(target.namespaces()).contains("monitoring");
        ConfigMap params = kube.client().configMaps().inNamespace("monitoring").withName(StackParameters.CONFIG_MAP).get();
        assertThat(params.getData()).containsKey("parameters.json");
    }

    @Test
    void aConfigurationOnlyChangeTouchesOnlyConfigObjectsAndIsReloadedNotRolled() throws Exception {
        RenderedStack stack = stack();
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(stack), s -> { });

        RenderedStack edited = StackRenderer.render(stack.parameters().with(Map.of("groupWait", "45s", "evaluationInterval", "20s")),
                StackRendererTest.SECRETS);
        Plan plan = new Planner(kube.client()).plan(edited);

        assertThat(plan.of(PlanItem.Action.UPDATE)).extracting(i -> i.object().getKind() + "/" + i.object().getMetadata().getName())
                .as("no workload changes: the pod templates carry no config hash").containsExactlyInAnyOrder("ConfigMap/prometheus-config",
                        "Secret/alertmanager-config", "ConfigMap/" + StackParameters.CONFIG_MAP);
        assertThat(HotReload.reloadable(plan)).containsExactlyInAnyOrder("ConfigMap/prometheus-config", "Secret/alertmanager-config");

        RenderedStack resized = StackRenderer.render(stack.parameters().with(Map.of("groupWait", "45s", "prometheusMemory", "3Gi")),
                StackRendererTest.SECRETS);
        assertThat(HotReload.reloadable(new Planner(kube.client()).plan(resized))).as("the Prometheus pods roll and start with the new files")
                .isEmpty();
    }
}
