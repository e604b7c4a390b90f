package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which changes a real API server takes in place and which it refuses (HTTP 422, "field is immutable" and
 * "updates to statefulset spec for fields other than … are forbidden"), and how the installer makes the refused ones
 * anyway: a StatefulSet is recreated (deleted leaving pods and volumes, created again, adopting them; the rolling
 * update then replaces pods one by one), its claims grown first when only their size grows and their StorageClass
 * allows expansion; a Job is replaced; a claim's StorageClass is kept (it cannot change); shrinking is refused.
 */
final class UpgradeRules {

    /** What the classifier needs to know about the cluster. */
    interface Cluster {
        /** The claims a StatefulSet made from its volumeClaimTemplates (name prefix {@code <template>-<sts>-}). */
        List<PersistentVolumeClaim> claimsOf(HasMetadata statefulSet, String template);

        /** Whether a StorageClass allows expansion; empty when there is no such class (or it cannot be read). */
        Optional<Boolean> expandable(String storageClass);
    }

    /** A classified update; {@code kept} are changed paths the installer leaves as they are (with the reason in the explanation). */
    record Verdict(PlanItem.How how, String explanation, List<ClaimResize> resizes, List<String> kept) {
    }

    private static final List<String> STATEFULSET_MUTABLE = List.of("/spec/replicas", "/spec/template", "/spec/updateStrategy",
            "/spec/minReadySeconds", "/spec/ordinals", "/spec/persistentVolumeClaimRetentionPolicy");

    private UpgradeRules() {
    }

    static Verdict classify(HasMetadata rendered, HasMetadata live, List<FieldChange> changes, Cluster cluster) {
        String id = rendered.getKind() + "/" + rendered.getMetadata().getName();
        return switch (rendered.getKind()) {
            case "StatefulSet" -> statefulSet(id, rendered, changes, cluster);
            case "Job" -> changes.stream().anyMatch(c -> c.path().startsWith("/spec/template") || c.path().startsWith("/spec/selector"))
                    ? new Verdict(PlanItem.How.REPLACE, id + " is replaced: a Job's pod template cannot change, so it is deleted with its pods "
                            + "and created again, and runs once more.", List.of(), List.of())
                    : inPlace();
            case "Deployment", "DaemonSet" -> changes.stream().anyMatch(c -> c.path().startsWith("/spec/selector"))
                    ? new Verdict(PlanItem.How.RECREATE, id + " is recreated: its selector cannot change. It is deleted with its pods and "
                            + "created again; its pods are replaced.", List.of(), List.of())
                    : inPlace();
            case "Service" -> changes.stream().anyMatch(c -> c.path().equals("/spec/clusterIP"))
                    ? new Verdict(PlanItem.How.RECREATE, id + " is recreated: its clusterIP cannot change once set. The name does not resolve "
                            + "for the moment between delete and create.", List.of(), List.of())
                    : inPlace();
            case "PersistentVolumeClaim" -> claim(id, live, changes, cluster);
            default -> inPlace();
        };
    }

    private static Verdict inPlace() {
        return new Verdict(PlanItem.How.IN_PLACE, "", List.of(), List.of());
    }

    private static Verdict statefulSet(String id, HasMetadata rendered, List<FieldChange> changes, Cluster cluster) {
        List<FieldChange> immutable = changes.stream().filter(c -> c.path().startsWith("/spec/")
                && STATEFULSET_MUTABLE.stream().noneMatch(m -> c.path().equals(m) || c.path().startsWith(m + "/"))).toList();
        if (immutable.isEmpty()) {
            return inPlace();
        }
        String fields = String.join(", ", immutable.stream().map(c -> c.path().substring(1).replace('/', '.')).distinct().toList());
        String recreate = id + " needs recreate: a real API server refuses to change " + fields + " in place. Promdeck deletes it leaving its "
                + "pods and volumes (orphan), creates the new one, which adopts them, and the rolling update replaces the pods one by one; "
                + "data stays on the volumes.";
        List<FieldChange> sizes = immutable.stream().filter(c -> c.path().matches("/spec/volumeClaimTemplates/\\d+/spec/resources/requests/storage"))
                .toList();
        List<String> notes = new ArrayList<>();
        immutable.stream().filter(c -> c.path().matches("/spec/volumeClaimTemplates/\\d+/spec/storageClassName")).findFirst()
                .ifPresent(c -> notes.add(" Volumes that exist keep " + className(c.before()) + " (a claim's class cannot change); "
                        + "replicas created from now on get " + className(c.after()) + "."));
        List<ClaimResize> resizes = new ArrayList<>();
        for (FieldChange size : sizes) {
            int index = Integer.parseInt(size.path().split("/")[3]);
            io.fabric8.kubernetes.api.model.apps.StatefulSet sts = (io.fabric8.kubernetes.api.model.apps.StatefulSet) rendered;
            String template = sts.getSpec().getVolumeClaimTemplates().get(index).getMetadata().getName();
            if (bytes(size.after()).compareTo(bytes(size.before())) < 0) {
                return new Verdict(PlanItem.How.REFUSED, id + ": volumes cannot shrink (" + template + " " + size.before() + " → " + size.after()
                        + "). Keep " + size.before() + " or more.", List.of(), List.of());
            }
            for (PersistentVolumeClaim claim : cluster.claimsOf(rendered, template)) {
                String have = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null ? null
                        : String.valueOf(claim.getSpec().getResources().getRequests().get("storage"));
                if (have != null && bytes(have).compareTo(bytes(size.after())) >= 0) {
                    continue;
                }
                String storageClass = claim.getSpec().getStorageClassName() == null ? "" : claim.getSpec().getStorageClassName();
                Optional<Boolean> expandable = storageClass.isEmpty() ? Optional.empty() : cluster.expandable(storageClass);
                if (expandable.isEmpty() || !expandable.get()) {
                    String named = storageClass.isEmpty() ? "it has no StorageClass" : "its StorageClass " + storageClass
                            + (expandable.isEmpty() ? " cannot be read" : " does not allow volume expansion (allowVolumeExpansion is not true)");
                    return new Verdict(PlanItem.How.REFUSED, id + ": volume " + claim.getMetadata().getName() + " cannot grow to " + size.after()
                            + ": " + named + ". Keep " + size.before() + ", or ask the cluster's administrator to allow expansion for "
                            + (storageClass.isEmpty() ? "its class" : storageClass) + ".", List.of(), List.of());
                }
                resizes.add(new ClaimResize(claim.getMetadata().getName(), have == null ? FieldChange.NOT_SET : have, size.after()));
            }
        }
        if (!resizes.isEmpty() && immutable.size() == sizes.size()) {
            return new Verdict(PlanItem.How.EXPAND_VOLUMES, id + ": volume expansion. Each claim is grown in place (" + resizes.size()
                    + " claim" + (resizes.size() == 1 ? "" : "s") + "; the storage driver grows the volume, online or at the next pod start), "
                    + "then the StatefulSet is recreated with the new size, leaving its pods and volumes; data is kept.", resizes, List.of());
        }
        return new Verdict(PlanItem.How.RECREATE, recreate + String.join("", notes)
                + (resizes.isEmpty() ? "" : " Claims grown first: " + resizes + "."), resizes, List.of());
    }

    private static Verdict claim(String id, HasMetadata live, List<FieldChange> changes, Cluster cluster) {
        List<String> kept = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        for (FieldChange c : changes) {
            if (c.path().equals("/spec/storageClassName")) {
                kept.add(c.path());
                note.append(id).append(" keeps ").append(className(c.before())).append(": a claim's class cannot change (wanted ")
                        .append(className(c.after())).append("). To move its data, back it up, delete the claim and install again. ");
            } else if (c.path().equals("/spec/resources/requests/storage")) {
                if (bytes(c.after()).compareTo(bytes(c.before())) < 0) {
                    return new Verdict(PlanItem.How.REFUSED, id + ": a volume cannot shrink (" + c.before() + " → " + c.after() + "). Keep "
                            + c.before() + " or more.", List.of(), kept);
                }
                PersistentVolumeClaim claim = (PersistentVolumeClaim) live;
                String storageClass = claim.getSpec().getStorageClassName() == null ? "" : claim.getSpec().getStorageClassName();
                Optional<Boolean> expandable = storageClass.isEmpty() ? Optional.empty() : cluster.expandable(storageClass);
                if (expandable.isEmpty() || !expandable.get()) {
                    return new Verdict(PlanItem.How.REFUSED, id + " cannot grow to " + c.after() + ": "
                            + (storageClass.isEmpty() ? "it has no StorageClass" : "StorageClass " + storageClass
                                    + " does not allow volume expansion (allowVolumeExpansion is not true)")
                            + ". Keep " + c.before() + ".", List.of(), kept);
                }
            } else if (c.path().startsWith("/spec/")) {
                return new Verdict(PlanItem.How.REFUSED, id + ": " + c.path().substring(1).replace('/', '.')
                        + " cannot change once the claim exists.", List.of(), kept);
            }
        }
        return new Verdict(PlanItem.How.IN_PLACE, note.toString().strip(), List.of(), kept);
    }

    private static String className(String value) {
        return FieldChange.NOT_SET.equals(value) || value.isEmpty() ? "the cluster's default StorageClass" : "StorageClass " + value;
    }

    static java.math.BigDecimal bytes(String quantity) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity));
        } catch (RuntimeException e) {
            return java.math.BigDecimal.ZERO;
        }
    }
}
