package io.promdeck.app.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a plan with server-side apply (field manager {@value #FIELD_MANAGER}, conflicts forced), in the plan's
 * order: namespace, RBAC, Secrets and ConfigMaps, Services, workloads. Unchanged objects are not sent at all, so
 * re-applying the same parameters writes nothing. A refused object is reported by name and the rest still applied;
 * running again after the permission is granted converges.
 */
public final class Applier {

    public static final String FIELD_MANAGER = "promdeck";

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
                        client.resource(item.object()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                        applied.add(item.id());
                        progress.accept((item.action() == PlanItem.Action.CREATE ? "created " : "updated ") + item.id());
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
}
