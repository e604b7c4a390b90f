package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.promdeck.app.cluster.Capabilities;
import io.promdeck.app.cluster.RbacPreflight;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the install wizard reads from a cluster before anything is written: StorageClasses (the default marked),
 * namespaces, and for one namespace whether it exists, what the user may do there (the RBAC preflight decides up
 * front whether installing is possible) and whether a stack is already installed (then it is an upgrade). Blocking.
 */
public final class InstallTarget {

    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String DEFAULT_CLASS_BETA = "storageclass.beta.kubernetes.io/is-default-class";

    /** One namespace looked at: exists, capabilities, and the parameters of an existing install. */
    public record Inspection(String namespace, boolean exists, Capabilities capabilities, Optional<StackParameters> existing) {

        public boolean canInstall() {
            return capabilities.install().granted();
        }

        /** "create clusterroles, patch statefulsets.apps in ns" — what the user lacks to install. */
        public String missing() {
            return String.join(", ", capabilities.install().missing().stream().map(Object::toString).toList());
        }
    }

    private final KubernetesClient client;
    private final Executor executor;

    public InstallTarget(KubernetesClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /** Opens the wizard's target from a connection's client (the only place a client goes in). */
    public static InstallTarget of(io.promdeck.app.cluster.ClusterConnection connection, Executor executor) {
        return new InstallTarget(connection.client(), executor);
    }

    public InstallState state() {
        return new InstallState(client);
    }

    public Planner planner() {
        return new Planner(client);
    }

    public S3EndpointCheck s3Test() {
        return new S3EndpointCheck(client);
    }

    public Installation installation(java.time.Clock clock) {
        return new Installation(client, clock);
    }

    public Uninstaller uninstaller() {
        return new Uninstaller(client);
    }

    /** See {@link DeliveryCheck#send}. */
    public io.promdeck.app.alertmanager.SyntheticAlert.Outcome sendTestAlert(StackParameters p, java.time.Clock clock,
            java.util.function.BooleanSupplier cancelled, java.util.function.Consumer<String> progress) throws InterruptedException {
        return DeliveryCheck.send(client, p, clock, cancelled, progress);
    }

    /** The cluster's StorageClasses, the default one first. */
    public List<StorageClassInfo> storageClasses() {
        return client.storage().v1().storageClasses().list().getItems().stream()
                .map(InstallTarget::info)
                .sorted(Comparator.comparing((StorageClassInfo s) -> !s.isDefault()).thenComparing(StorageClassInfo::name))
                .toList();
    }

    static StorageClassInfo info(StorageClass sc) {
        Map<String, String> annotations = sc.getMetadata().getAnnotations() == null ? Map.of() : sc.getMetadata().getAnnotations();
        boolean isDefault = "true".equals(annotations.get(DEFAULT_CLASS)) || "true".equals(annotations.get(DEFAULT_CLASS_BETA));
        return new StorageClassInfo(sc.getMetadata().getName(), sc.getProvisioner(), isDefault);
    }

    /** Namespace names, or empty when listing them is not allowed (the operator then types one). */
    public List<String> namespaces() {
        try {
            return client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return List.of();
            }
            throw e;
        }
    }

    public Inspection inspect(String namespace) throws IOException {
        Capabilities capabilities = new RbacPreflight(client, executor).check(namespace);
        boolean exists;
        try {
            exists = client.namespaces().withName(namespace).get() != null;
        } catch (KubernetesClientException e) {
            exists = false;
        }
        Optional<StackParameters> existing = exists ? state().parameters(namespace) : Optional.empty();
        return new Inspection(namespace, exists, capabilities, existing);
    }
}
