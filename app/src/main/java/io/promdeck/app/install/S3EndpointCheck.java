package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Tests an existing S3-compatible endpoint from inside the cluster, where Thanos will reach it from (the workstation
 * usually cannot reach in-cluster or private endpoints): a short Job in the target namespace runs
 * {@code thanos tools bucket ls} with exactly the objstore.yml the install would use, and its outcome and last log
 * lines become one sentence. The Job and its Secret are removed afterwards; a TTL removes them anyway should the
 * workstation go away mid-test. Creates the target namespace when it does not exist yet (the install would too).
 */
public final class S3EndpointCheck {

    /** What the test found, as a sentence for the Storage step. */
    public record Outcome(boolean reachable, String sentence, String log) {
    }

    static final String NAME_PREFIX = "promdeck-s3-test-";

    private final KubernetesClient client;
    private final Sleeper sleeper;

    /** How the test waits between looks at the Job (tests pass one that does not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public S3EndpointCheck(KubernetesClient client) {
        this(client, d -> Thread.sleep(d.toMillis()));
    }

    public S3EndpointCheck(KubernetesClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /** Runs the test Job and waits for it (at most {@code timeout}); {@code progress} gets short status lines. */
    public Outcome run(StackParameters p, StackSecrets secrets, Duration timeout, BooleanSupplier cancelled, Consumer<String> progress)
            throws InterruptedException {
        if (p.backend() != Backend.THANOS_EXISTING_S3) {
            throw new IllegalArgumentException("only an existing S3 endpoint is tested; the bundled store is created by the install");
        }
        String namespace = p.namespace();
        String name = NAME_PREFIX + Long.toString(System.nanoTime() & 0xffffff, 36);
        ensureNamespace(p);
        Secret config = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(p)).endMetadata()
                .withStringData(Map.of("objstore.yml", ConfigFiles.objectStore(p, secrets))).build();
        String image = Manifests.mirrored(Manifests.images().get("thanos"), p.registryMirror());
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels(p)).endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds(timeout.toSeconds()).withTtlSecondsAfterFinished(600)
                .withNewTemplate().withNewMetadata().withLabels(labels(p)).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .withImagePullSecrets(p.imagePullSecrets().stream().map(io.fabric8.kubernetes.api.model.LocalObjectReference::new).toList())
                .addNewContainer().withName("s3-test").withImage(image)
                .withArgs("tools", "bucket", "ls", "--objstore.config-file=/etc/thanos/objstore.yml")
                .addNewVolumeMount().withName("objstore").withMountPath("/etc/thanos").withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("objstore").withNewSecret().withSecretName(name).endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build();
        progress.accept("Starting Job " + name + " in " + namespace + " (image " + image + ")…");
        client.resource(config).create();
        try {
            client.resource(job).create();
            return await(namespace, name, image, timeout, cancelled, progress);
        } finally {
            cleanUp(namespace, name, config);
        }
    }

    private Outcome await(String namespace, String name, String image, Duration timeout, BooleanSupplier cancelled, Consumer<String> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cancelled.getAsBoolean()) {
                return new Outcome(false, "The connection test was cancelled.", "");
            }
            Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
            if (job != null && job.getStatus() != null) {
                if (positive(job.getStatus().getSucceeded())) {
                    String log = log(namespace, name);
                    return new Outcome(true, "The cluster reached the bucket: Thanos listed it from namespace " + namespace + ".", log);
                }
                if (positive(job.getStatus().getFailed())) {
                    String log = log(namespace, name);
                    return new Outcome(false, failure(log), log);
                }
            }
            Pod pod = pod(namespace, name);
            String waiting = waitingReason(pod);
            if (waiting != null && List.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName").contains(waiting)) {
                return new Outcome(false, "The test pod cannot pull " + image + " (" + waiting + "). Check the registry mirror and the image "
                        + "pull secret in the Images step, then test again.", "");
            }
            progress.accept(pod == null ? "Waiting for the test pod to be created…" : "Test pod " + pod.getMetadata().getName() + ": "
                    + (waiting != null ? waiting : pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase()));
            sleeper.sleep(Duration.ofSeconds(1));
        }
        return new Outcome(false, "The test Job did not finish within " + timeout.toSeconds() + " s. The pod may not be schedulable, or the "
                + "endpoint does not answer (a firewall dropping packets looks like this).", log(namespace, name));
    }

    /** One sentence from Thanos' log: what is wrong and what to change. */
    static String failure(String log) {
        String lower = log.toLowerCase(Locale.ROOT);
        String last = lastLine(log);
        if (lower.contains("nosuchbucket") || lower.contains("bucket does not exist")) {
            return "The endpoint answered, but the bucket does not exist. Create it, or correct the bucket name. (" + last + ")";
        }
        if (lower.contains("access denied") || lower.contains("invalidaccesskeyid") || lower.contains("signaturedoesnotmatch")
                || lower.contains("403")) {
            return "The endpoint refused the credentials: check the access key, the secret key and the bucket policy. (" + last + ")";
        }
        if (lower.contains("no such host") || lower.contains("server misbehaving")) {
            return "The cluster cannot resolve the endpoint's host name. Check the endpoint, or the cluster's DNS. (" + last + ")";
        }
        if (lower.contains("x509") || lower.contains("certificate")) {
            return "The endpoint's TLS certificate is not trusted from the cluster, or it speaks plain HTTP: tick 'insecure' only "
                    + "for an endpoint without TLS. (" + last + ")";
        }
        if (lower.contains("connection refused") || lower.contains("i/o timeout") || lower.contains("dial tcp")
                || lower.contains("context deadline exceeded")) {
            return "The cluster cannot connect to the endpoint (network policy, firewall or wrong port). (" + last + ")";
        }
        return "The connection test failed: " + (last.isEmpty() ? "the pod left no log" : last);
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private Pod pod(String namespace, String job) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
        return pods.isEmpty() ? null : pods.get(0);
    }

    private static String waitingReason(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> s.getState().getWaiting().getReason()).findFirst().orElse(null);
    }

    private String log(String namespace, String job) {
        Pod pod = pod(namespace, job);
        if (pod == null) {
            return "";
        }
        try {
            String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).tailingLines(20).getLog();
            return log == null ? "" : log.strip();
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    private void ensureNamespace(StackParameters p) {
        if (client.namespaces().withName(p.namespace()).get() == null) {
            // Only the Namespace: the test runs while the operator is still filling in the other steps.
            HasMetadata namespace = StackRenderer.namespace(p);
            client.resource(namespace).fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
        }
    }

    private void cleanUp(String namespace, String name, Secret config) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            client.resource(config).delete();
            // A real API server's garbage collector removes the Job's pods (background propagation); the mock has none.
            client.pods().inNamespace(namespace).withLabel("job-name", name).delete();
        } catch (KubernetesClientException e) {
            // The TTL removes the Job; the Secret is labelled for the uninstaller.
        }
    }

    private static Map<String, String> labels(StackParameters p) {
        return Map.of(StackRenderer.PART_OF, "promdeck", StackRenderer.INSTANCE, p.instance(), StackRenderer.COMPONENT, "s3-test");
    }

    private static boolean positive(Integer value) {
        return value != null && value > 0;
    }
}
