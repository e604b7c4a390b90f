package io.promdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.testing.kube.ControllerLoop;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code promdeck install} end to end on the strict mock API server, with the controller loop playing the cluster. */
class InstallCommandTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    @TempDir
    Path home;

    private ControllerLoop controllers;
    private Path kubeconfig;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void cluster() {
        kube.client().resource(new StorageClassBuilder().withNewMetadata().withName("fixed").endMetadata().withProvisioner("x").build()).create();
        controllers = new ControllerLoop(kube.client(), "monitoring", "fixed");
        kubeconfig = new KubeconfigWriter().cluster("k8s", kube.api().url()).tokenUser("ops", "t").context("k8s", "k8s", "ops", "monitoring")
                .current("k8s").write(home.resolve("kubeconfig"));
    }

    @AfterEach
    void stop() {
        controllers.close();
    }

    private Run install(String... args) {
        List<String> all = new ArrayList<>(List.of("install"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PromdeckCli.run(all.toArray(String[]::new), new PromdeckCli.Environment(Map.of("KUBECONFIG", kubeconfig.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString()), home, Clock.systemUTC()), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** A parameters file; a webhook is added unless the test names one (the stack refuses to send alerts nowhere). */
    private Path parameters(String yaml) throws Exception {
        Path file = home.resolve("parameters-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml.contains("webhookUrl") ? yaml : yaml + "webhookUrl: https://hooks.example/alert\n");
        return file;
    }

    @Test
    void installsThenUpgradesThenHasNothingToDo() throws Exception {
        Path file = parameters("prometheusReplicas: 2\ngrafana: false\nstorageClass: fixed\n");

        Run plan = install("--parameters", file.toString(), "--plan-only");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Installing instance 'promdeck' in monitoring (context k8s").contains("  create    StatefulSet/prometheus")
                .doesNotContain("Deployment/grafana");
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").list().getItems()).isEmpty();

        Run installed = install("--parameters", file.toString(), "--yes", "--timeout", "60s");
        assertThat(installed.code()).as(installed.out() + installed.err()).isZero();
        assertThat(installed.out()).contains("Every workload is ready").contains("  rollout: ");

        Run upgraded = install("--parameters", parameters("prometheusReplicas: 3\n").toString(), "--yes", "--timeout", "60s");
        assertThat(upgraded.code()).as(upgraded.out() + upgraded.err()).isZero();
        assertThat(upgraded.out()).contains("Upgrading instance 'promdeck' in monitoring").contains("  update    StatefulSet/prometheus [in place]")
                .contains("      /spec/replicas: 2 → 3");
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get().getSpec().getReplicas()).isEqualTo(3);
        // The installed values are the base: grafana stays off although this file does not say so.
        assertThat(kube.client().apps().deployments().inNamespace("monitoring").withName("grafana").get()).isNull();

        Run again = install("--yes");
        assertThat(again.err()).isEmpty();
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("Nothing to change");

        AuditLog audit = new AuditLog(home.resolve("config/promdeck").resolve(AuditLog.FILE));
        assertThat(audit.read().entries()).extracting(e -> e.action() + " " + e.outcome()).containsExactly("stack.install ready",
                "stack.upgrade ready");
    }

    @Test
    void badParametersAreNamedAndNothingIsApplied() throws Exception {
        kube.api().clearWrites();
        Run run = install("--parameters", parameters("prometheusReplicas: 1\nscrapeInterval: often\nreplicaLabel: 'my-label'\nretention_raw: 30d\n")
                .toString(), "--yes");

        assertThat(run.code()).isEqualTo(PromdeckCli.COULD_NOT_CHECK);
        assertThat(run.err()).contains("unknown parameter 'retention_raw'");
        Run typed = install("--parameters", parameters("prometheusReplicas: 1\nscrapeInterval: often\nreplicaLabel: 'my-label'\n").toString(), "--yes");
        assertThat(typed.code()).isEqualTo(PromdeckCli.COULD_NOT_CHECK);
        assertThat(typed.err()).contains("prometheusReplicas: HA needs at least 2 Prometheus replicas")
                .contains("scrapeInterval: 'often' is not a duration").contains("replicaLabel: not a Prometheus label name")
                .contains("Nothing was applied: 3 parameters need fixing.");
        assertThat(kube.api().writes()).isEmpty();
    }

    @Test
    void aFileWithSecretsMustBeTheOwnersOnly() throws Exception {
        Path file = parameters("backend: THANOS_EXISTING_S3\ns3Endpoint: s3.example:9000\ns3AccessKey: AK\ns3SecretKey: SK\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Run run = install("--parameters", file.toString(), "--plan-only");

        assertThat(run.code()).isEqualTo(PromdeckCli.COULD_NOT_CHECK);
        assertThat(run.err()).contains("holds secret values (s3AccessKey, s3SecretKey) and is readable by others (rw-r--r--)")
                .contains("chmod 600").doesNotContain("SK\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run ok = install("--parameters", file.toString(), "--plan-only");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).doesNotContain("SK").contains("Secret/thanos-objstore");
    }

    @Test
    void aRefusedUpgradeExitsWithFailuresAndWritesNothing() throws Exception {
        assertThat(install("--parameters", parameters("storageClass: fixed\n").toString(), "--yes", "--timeout", "60s").code()).isZero();
        kube.api().clearWrites();

        Run run = install("--parameters", parameters("prometheusVolume: 100Gi\n").toString(), "--yes");

        assertThat(run.code()).isEqualTo(PromdeckCli.FAILURES);
        assertThat(run.out()).contains("StatefulSet/prometheus [refused]").contains("StorageClass fixed does not allow volume expansion")
                .contains("Nothing was applied: the plan has refused changes");
        assertThat(kube.api().writes()).isEmpty();
    }
}
