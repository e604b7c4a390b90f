package io.promdeck.app.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a plan with server-side apply (field manager {@value #FIELD_MANAGER}, conflicts forced), in the plan's
 * order: namespace, RBAC, Secrets and ConfigMaps, Services, workloads. Unchanged objects are not sent at all, so
 * re-applying the same parameters writes nothing. Changes a real API server refuses in place are made the way the
 * plan says ({@link PlanItem.How}): recreated, volumes expanded first, or a Job replaced; refused ones are not sent.
 * A refused object is reported by name and the rest still applied; running again after the cause is fixed converges.
 */
public final class Applier {

    public static final String FIELD_MANAGER = "promdeck";
    /** How long a recreate waits for the server to remove the old object (orphaning runs through the garbage collector). */
    static final java.time.Duration DELETE_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final KubernetesClient client;

    public Applier(KubernetesClient client) {
        this.client = client;
    }

    public ApplyReport apply(Plan plan, Consumer<String> progress) {
        return apply(plan, progress, () -> false);
    }

    /** Stops between objects once {@code cancelled} turns true; what was applied stays (re-running converges). */
    public ApplyReport apply(Plan plan, Consumer<String> progress, java.util.function.BooleanSupplier cancelled) {
        List<String> applied = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<ApplyReport.Failure> failures = new ArrayList<>();
        for (PlanItem item : plan.items()) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            try {
                switch (item.action()) {
                    case CREATE, UPDATE -> {
                        if (item.how() == PlanItem.How.REFUSED) {
                            failures.add(new ApplyReport.Failure(item.id(), 422, item.explanation()));
                            progress.accept("not applied " + item.id() + ": " + item.explanation());
                            continue;
                        }
                        if (item.action() == PlanItem.Action.UPDATE && item.how() != PlanItem.How.IN_PLACE) {
                            remake(item, progress, cancelled);
                        }
                        client.resource(item.object()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                        applied.add(item.id());
                        progress.accept((item.action() == PlanItem.Action.CREATE ? "created " : item.how() == PlanItem.How.IN_PLACE ? "updated "
                                : "created again ") + item.id());
                    }
                    case ORPHANED -> {
                        client.resource(item.object()).delete();
                        deleted.add(item.id());
                        progress.accept("deleted orphaned " + item.id());
                    }
                    case UNCHANGED -> {
                        // Nothing to send.
                    }
                }
            } catch (KubernetesClientException e) {
                String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
                ApplyReport.Failure failure = new ApplyReport.Failure(item.id(), e.getCode(), message);
                failures.add(failure);
                progress.accept("failed " + failure);
            }
        }
        return new ApplyReport(applied, deleted, failures);
    }

    /**
     * The part of a recreate, volume expansion or replace before the new object is applied: grow the claims, then
     * delete the old object — a StatefulSet with orphan propagation (its pods and claims stay and the new one adopts
     * them), anything else in the background (its pods go) — and wait until the server has removed it.
     */
    private void remake(PlanItem item, Consumer<String> progress, java.util.function.BooleanSupplier cancelled) {
        String namespace = item.object().getMetadata().getNamespace();
        for (ClaimResize resize : item.resizes()) {
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim grown = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(resize.claim()).withNamespace(namespace).endMetadata()
                    .withNewSpec().withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity(resize.after()))
                    .endResources().endSpec().build();
            client.resource(grown).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            progress.accept("grew " + resize);
        }
        boolean orphan = "StatefulSet".equals(item.object().getKind());
        client.resource(item.object()).withPropagationPolicy(orphan ? io.fabric8.kubernetes.api.model.DeletionPropagation.ORPHAN
                : io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        progress.accept("deleted " + item.id() + (orphan ? " (its pods and volumes stay)" : "") + " to create it again: " + item.how().words());
        long deadline = System.nanoTime() + DELETE_TIMEOUT.toNanos();
        while (client.resource(item.object()).get() != null) {
            if (System.nanoTime() > deadline || cancelled.getAsBoolean()) {
                throw new KubernetesClientException(item.id() + " is still being deleted after " + DELETE_TIMEOUT.toSeconds()
                        + " s (a finalizer?); run the install again to finish", 409, null);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubernetesClientException("interrupted while waiting for " + item.id() + " to be deleted", e);
            }
        }
    }
}
