package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Removes one instance: its namespace's objects labelled {@code part-of=promdeck} with its instance label, and its
 * own cluster-scoped objects (found by the owner-namespace label, so another install's are never touched). The
 * data (PVCs) stays unless asked; the Namespace itself stays (it may hold other things).
 */
public final class Uninstaller {

    private final KubernetesClient client;

    public Uninstaller(KubernetesClient client) {
        this.client = client;
    }

    /** What {@link #uninstall} would delete, as "Kind/name", in deletion order (workloads first). */
    public List<GenericKubernetesResource> listing(String namespace, String instance, boolean deleteVolumes) {
        List<GenericKubernetesResource> found = new ArrayList<>();
        List<ManagedKinds.Kind> kinds = new ArrayList<>(ManagedKinds.ALL);
        java.util.Collections.reverse(kinds);
        for (ManagedKinds.Kind kind : kinds) {
            if ("PersistentVolumeClaim".equals(kind.kind()) && !deleteVolumes) {
                continue;
            }
            found.addAll(kind.clusterScoped()
                    ? client.genericKubernetesResources(kind.apiVersion(), kind.kind()).withLabel(StackRenderer.OWNER_NAMESPACE, namespace)
                            .withLabel(StackRenderer.INSTANCE, instance).withLabel(StackRenderer.PART_OF, "promdeck").list().getItems()
                    : client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(namespace)
                            .withLabel(StackRenderer.INSTANCE, instance).withLabel(StackRenderer.PART_OF, "promdeck").list().getItems());
        }
        return found;
    }

    /** {@link #listing} as "Kind/name". */
    public List<String> names(String namespace, String instance, boolean deleteVolumes) {
        return listing(namespace, instance, deleteVolumes).stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    public ApplyReport uninstall(String namespace, String instance, boolean deleteVolumes, Consumer<String> progress) {
        List<String> deleted = new ArrayList<>();
        List<ApplyReport.Failure> failures = new ArrayList<>();
        for (GenericKubernetesResource object : listing(namespace, instance, deleteVolumes)) {
            String id = object.getKind() + "/" + object.getMetadata().getName();
            try {
                client.resource(object).delete();
                deleted.add(id);
                progress.accept("deleted " + id);
            } catch (KubernetesClientException e) {
                failures.add(new ApplyReport.Failure(id, e.getCode(), e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
            }
        }
        return new ApplyReport(List.of(), deleted, failures);
    }
}
