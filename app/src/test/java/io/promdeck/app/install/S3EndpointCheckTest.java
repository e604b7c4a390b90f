package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.promdeck.testing.kube.MockApiExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Storage step's connection test: a Job in the target namespace, whose outcome the test plays the cluster's part
 * for (creates the Job's pod, sets its status and log) each time the test waits.
 */
class S3EndpointCheckTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    static StackParameters existingS3() {
        return StackParameters.defaults("monitoring").with(Map.of("webhookUrl", "https://hooks.example/alert", "backend", Backend.THANOS_EXISTING_S3, "s3Endpoint", "minio.storage.svc:9000",
                "bucket", "metrics", "s3Insecure", true, "registryMirror", "registry.corp:5000"));
    }

    static final StackSecrets KEYS = new StackSecrets("AKIAEXAMPLE", "s3cr3t-value", "", "", "");

    @Test
    void aJobThatSucceedsReportsTheBucketReachableAndLeavesNothingBehind() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        S3EndpointCheck.Outcome outcome = new S3EndpointCheck(kube.client(), d -> finish(true, "level=info msg=\"Done\" blocks=0"))
                .run(existingS3(), KEYS, Duration.ofSeconds(60), () -> false, progress::add);

        assertThat(outcome.reachable()).isTrue();
        assertThat(outcome.sentence()).isEqualTo("The cluster reached the bucket: Thanos listed it from namespace monitoring.");
        assertThat(progress.get(0)).contains("in monitoring", "registry.corp:5000/thanos/thanos:v0.36.1");
        assertThat(kube.client().namespaces().withName("monitoring").get()).as("namespace created for the test").isNotNull();
        assertThat(kube.client().batch().v1().jobs().inNamespace("monitoring").list().getItems()).isEmpty();
        assertThat(kube.client().secrets().inNamespace("monitoring").list().getItems()).isEmpty();
        assertThat(kube.client().pods().inNamespace("monitoring").list().getItems()).isEmpty();
    }

    @Test
    void theJobRunsThanosWithTheObjstoreTheInstallWouldUse() throws Exception {
        List<Job> jobs = new CopyOnWriteArrayList<>();
        List<String> configs = new CopyOnWriteArrayList<>();
        new S3EndpointCheck(kube.client(), d -> {
            Job job = kube.client().batch().v1().jobs().inNamespace("monitoring").list().getItems().get(0);
            jobs.add(job);
            configs.add(kube.client().secrets().inNamespace("monitoring").withName(job.getMetadata().getName()).get().getStringData()
                    .get("objstore.yml"));
            finish(true, "");
        }).run(existingS3(), KEYS, Duration.ofSeconds(60), () -> false, s -> { });

        var spec = jobs.get(0).getSpec();
        assertThat(spec.getBackoffLimit()).isZero();
        assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(spec.getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("tools", "bucket", "ls", "--objstore.config-file=/etc/thanos/objstore.yml");
        assertThat(configs.get(0)).isEqualTo(ConfigFiles.objectStore(existingS3(), KEYS)).contains("minio.storage.svc:9000", "bucket: metrics");
    }

    @Test
    void failuresBecomeSentencesFromThanosLog() throws Exception {
        S3EndpointCheck.Outcome missing = new S3EndpointCheck(kube.client(), d -> finish(false,
                "level=error msg=\"running command failed\" err=\"The specified bucket does not exist\""))
                .run(existingS3(), KEYS, Duration.ofSeconds(60), () -> false, s -> { });
        assertThat(missing.reachable()).isFalse();
        assertThat(missing.sentence()).startsWith("The endpoint answered, but the bucket does not exist.");

        assertThat(S3EndpointCheck.failure("err=\"Access Denied.\"")).startsWith("The endpoint refused the credentials");
        assertThat(S3EndpointCheck.failure("dial tcp: lookup minio.storage.svc on 10.96.0.10:53: no such host"))
                .startsWith("The cluster cannot resolve the endpoint's host name");
        assertThat(S3EndpointCheck.failure("Get \"https://minio:9000/\": x509: certificate signed by unknown authority"))
                .startsWith("The endpoint's TLS certificate is not trusted");
        assertThat(S3EndpointCheck.failure("dial tcp 10.0.0.5:9000: connect: connection refused"))
                .startsWith("The cluster cannot connect to the endpoint");
        assertThat(S3EndpointCheck.failure("")).isEqualTo("The connection test failed: the pod left no log");
    }

    @Test
    void anImageThatCannotBePulledIsNamed() throws Exception {
        S3EndpointCheck.Outcome outcome = new S3EndpointCheck(kube.client(), d -> {
            Job job = kube.client().batch().v1().jobs().inNamespace("monitoring").list().getItems().get(0);
            if (kube.client().pods().inNamespace("monitoring").list().getItems().isEmpty()) {
                kube.client().resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x").withNamespace("monitoring")
                        .withLabels(Map.of("job-name", job.getMetadata().getName())).endMetadata()
                        .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("s3-test").withNewState().withNewWaiting()
                        .withReason("ImagePullBackOff").endWaiting().endState().endContainerStatus().endStatus().build()).create();
            }
        }).run(existingS3(), KEYS, Duration.ofSeconds(60), () -> false, s -> { });

        assertThat(outcome.reachable()).isFalse();
        assertThat(outcome.sentence()).isEqualTo("The test pod cannot pull registry.corp:5000/thanos/thanos:v0.36.1 (ImagePullBackOff). Check "
                + "the registry mirror and the image pull secret in the Images step, then test again.");
    }

    @Test
    void cancellingStopsWaitingAndCleansUp() throws Exception {
        boolean[] cancel = {false};
        S3EndpointCheck.Outcome outcome = new S3EndpointCheck(kube.client(), d -> cancel[0] = true)
                .run(existingS3(), KEYS, Duration.ofSeconds(60), () -> cancel[0], s -> { });

        assertThat(outcome.sentence()).isEqualTo("The connection test was cancelled.");
        assertThat(kube.client().batch().v1().jobs().inNamespace("monitoring").list().getItems()).isEmpty();
    }

    /** Plays the Job controller and kubelet: the Job's pod exists with a log, and the Job succeeded or failed. */
    private void finish(boolean succeeded, String log) {
        Job job = kube.client().batch().v1().jobs().inNamespace("monitoring").list().getItems().get(0);
        String name = job.getMetadata().getName();
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-abcde").withNamespace("monitoring")
                .withLabels(Map.of("job-name", name)).endMetadata().withNewStatus().withPhase(succeeded ? "Succeeded" : "Failed").endStatus().build();
        kube.client().resource(pod).createOr(existing -> existing.update());
        kube.api().podLog("monitoring", name + "-abcde", log);
        kube.client().resource(new JobBuilder(job).withNewStatus().withSucceeded(succeeded ? 1 : 0).withFailed(succeeded ? 0 : 1).endStatus().build())
                .updateStatus();
    }

}
