package io.promdeck.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Diffs a rendered stack against the live cluster. Only the fields Promdeck sets are compared (a rendered field
 * against the same path in the live object), so values the API server fills in by default never show as changes.
 * Live objects carrying this instance's labels that are no longer rendered are reported as orphaned.
 */
public final class Planner {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;

    public Planner(KubernetesClient client) {
        this.client = client;
    }

    public Plan plan(RenderedStack stack) {
        List<PlanItem> items = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        for (RenderedObject o : stack.objects()) {
            rendered.add(key(o.object()));
            HasMetadata live = client.resource(o.object()).get();
            if (live == null) {
                items.add(new PlanItem(PlanItem.Action.CREATE, o.component(), o.object(), List.of()));
                continue;
            }
            items.add(update(o, live));
        }
        StackParameters p = stack.parameters();
        for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
            List<GenericKubernetesResource> live;
            try {
                live = listManaged(kind, p);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 403 || e.getCode() == 404) {
                    // Not allowed to list (or no such API): nothing of that kind can be judged orphaned; an object the
                    // plan renders of that kind still meets the dry run, which says so.
                    continue;
                }
                throw e;
            }
            for (GenericKubernetesResource object : live) {
                // PVCs made from volumeClaimTemplates are the data, not part of the rendered set: never orphans.
                if (!rendered.contains(key(object)) && !"PersistentVolumeClaim".equals(object.getKind())) {
                    String component = object.getMetadata().getLabels().getOrDefault(StackRenderer.COMPONENT, "");
                    items.add(new PlanItem(PlanItem.Action.ORPHANED, component, object, List.of(), PlanItem.How.IN_PLACE,
                            orphanExplanation(object, p), List.of(), ""));
                }
            }
        }
        return new Plan(stack, items);
    }

    /** What deleting a Prometheus StatefulSet means when the stack changes shape (shards, agents). */
    private static String orphanExplanation(HasMetadata object, StackParameters p) {
        if (!"StatefulSet".equals(object.getKind()) || !"prometheus".equals(object.getMetadata().getLabels().get(StackRenderer.COMPONENT))) {
            return "";
        }
        String name = object.getMetadata().getName();
        return "its pods stop; their volumes (data-" + name + "-N) are kept but no longer used, and "
                + String.join(", ", p.prometheusStatefulSets()) + " start" + (p.prometheusStatefulSets().size() == 1 ? "s" : "")
                + " with empty local storage"
                + (p.backend().thanos() ? " — blocks the sidecars already uploaded stay queryable through the Store Gateway, the last 2h of "
                        + name + " do not" : " — what it kept locally is no longer queried");
    }

    private PlanItem update(RenderedObject o, HasMetadata live) {
        List<FieldChange> changes = changes(o.object(), live);
        if (changes.isEmpty()) {
            return new PlanItem(PlanItem.Action.UNCHANGED, o.component(), o.object(), List.of());
        }
        UpgradeRules.Verdict verdict = UpgradeRules.classify(o.object(), live, changes, cluster());
        HasMetadata object = o.object();
        if (!verdict.kept().isEmpty()) {
            // Only a claim's StorageClass is ever kept: apply the live one so nothing is sent that the server refuses.
            changes = changes.stream().filter(c -> !verdict.kept().contains(c.path())).toList();
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim claim = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder(
                    (io.fabric8.kubernetes.api.model.PersistentVolumeClaim) object).build();
            claim.getSpec().setStorageClassName(((io.fabric8.kubernetes.api.model.PersistentVolumeClaim) live).getSpec().getStorageClassName());
            object = claim;
        }
        PlanItem.Action action = changes.isEmpty() ? PlanItem.Action.UNCHANGED : PlanItem.Action.UPDATE;
        return new PlanItem(action, o.component(), object, changes, verdict.how(), verdict.explanation(), verdict.resizes(), "");
    }

    private UpgradeRules.Cluster cluster() {
        return new UpgradeRules.Cluster() {
            @Override
            public List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claimsOf(HasMetadata statefulSet, String template) {
                String prefix = template + "-" + statefulSet.getMetadata().getName() + "-";
                return client.persistentVolumeClaims().inNamespace(statefulSet.getMetadata().getNamespace()).list().getItems().stream()
                        .filter(c -> c.getMetadata().getName().startsWith(prefix)
                                && c.getMetadata().getName().substring(prefix.length()).matches("\\d+"))
                        .toList();
            }

            @Override
            public java.util.Optional<Boolean> expandable(String storageClass) {
                try {
                    io.fabric8.kubernetes.api.model.storage.StorageClass found = client.storage().v1().storageClasses().withName(storageClass).get();
                    return found == null ? java.util.Optional.empty() : java.util.Optional.of(Boolean.TRUE.equals(found.getAllowVolumeExpansion()));
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    return java.util.Optional.empty();
                }
            }
        };
    }

    /**
     * Asks the API server to check every create and in-place update with a server-side dry run. An object the
     * server refuses becomes {@link PlanItem.How#REFUSED} with the server's own message; one it accepts says so.
     * Objects in a namespace the plan creates are not checked (a real server answers NotFound until it exists), nor
     * recreated or replaced ones (they exist until the apply deletes them).
     */
    public Plan confirm(Plan plan) {
        boolean newNamespace = plan.items().stream().anyMatch(i -> i.action() == PlanItem.Action.CREATE && "Namespace".equals(i.object().getKind()));
        List<PlanItem> checked = new ArrayList<>();
        for (PlanItem item : plan.items()) {
            boolean applies = item.action() == PlanItem.Action.CREATE || item.action() == PlanItem.Action.UPDATE;
            if (!applies || item.how() != PlanItem.How.IN_PLACE || (newNamespace && item.object().getMetadata().getNamespace() != null)) {
                checked.add(item);
                continue;
            }
            try {
                client.resource(item.object()).dryRun().fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
                checked.add(item.withServerCheck("accepted by the API server's dry run"));
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
                if (e.getCode() == 422 || e.getCode() == 403 || e.getCode() == 409) {
                    checked.add(item.withServerCheck("refused by the API server's dry run (" + e.getCode() + ")").refused(message));
                } else {
                    checked.add(item.withServerCheck("not confirmed: the dry run failed (" + e.getCode() + "): " + message));
                }
            }
        }
        return new Plan(plan.stack(), checked);
    }

    private List<GenericKubernetesResource> listManaged(ManagedKinds.Kind kind, StackParameters p) {
        return kind.clusterScoped()
                    ? client.genericKubernetesResources(kind.apiVersion(), kind.kind())
                            .withLabel(StackRenderer.OWNER_NAMESPACE, p.namespace()).withLabel(StackRenderer.PART_OF, "promdeck")
                            .withLabel(StackRenderer.INSTANCE, p.instance()).list().getItems()
                    : client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(p.namespace())
                            .withLabel(StackRenderer.PART_OF, "promdeck").withLabel(StackRenderer.INSTANCE, p.instance()).list().getItems();
    }

    static String key(HasMetadata o) {
        return o.getKind() + "/" + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace()) + "/" + o.getMetadata().getName();
    }

    /** JSON paths of the fields set in {@code rendered} whose value in {@code live} differs. */
    static List<String> changedFields(HasMetadata rendered, HasMetadata live) {
        return changes(rendered, live).stream().map(FieldChange::path).toList();
    }

    /** The fields set in {@code rendered} whose value in {@code live} differs, old → new (a Secret's values masked). */
    static List<FieldChange> changes(HasMetadata rendered, HasMetadata live) {
        ObjectNode want = tree(rendered);
        ObjectNode have = tree(live);
        want.remove("apiVersion");
        want.remove("kind");
        want.remove("status");
        JsonNode metadata = want.remove("metadata");
        ObjectNode kept = want.putObject("metadata");
        if (metadata != null) {
            if (metadata.has("labels")) {
                kept.set("labels", metadata.get("labels"));
            }
            if (metadata.has("annotations")) {
                kept.set("annotations", metadata.get("annotations"));
            }
        }
        if ("Secret".equals(rendered.getKind()) && want.has("stringData") && !have.has("stringData")) {
            // A real API server stores stringData as base64 data: compare in that form.
            ObjectNode data = want.putObject("data");
            want.remove("stringData").fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        List<FieldChange> changed = new ArrayList<>();
        diff("", want, have, changed);
        if ("Secret".equals(rendered.getKind())) {
            return changed.stream().map(c -> c.path().startsWith("/data") || c.path().startsWith("/stringData")
                    ? new FieldChange(c.path(), FieldChange.NOT_SET.equals(c.before()) ? c.before() : FieldChange.SECRET, FieldChange.SECRET) : c)
                    .toList();
        }
        return changed;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return FieldChange.NOT_SET;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static void diff(String path, JsonNode want, JsonNode have, List<FieldChange> changed) {
        if (want.isObject()) {
            if (have == null || !have.isObject()) {
                changed.add(new FieldChange(path.isEmpty() ? "/" : path, text(have), text(want)));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                diff(path + "/" + field.getKey(), field.getValue(), have.get(field.getKey()), changed);
            }
        } else if (want.isArray()) {
            if (have == null || !have.isArray() || have.size() != want.size()) {
                changed.add(new FieldChange(path, text(have), text(want)));
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                diff(path + "/" + i, want.get(i), have.get(i), changed);
            }
        } else if (have == null || !sameScalar(want, have)) {
            changed.add(new FieldChange(path, text(have), text(want)));
        }
    }

    private static boolean sameScalar(JsonNode want, JsonNode have) {
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        return want.asText().equals(have.asText()) && (want.isTextual() == have.isTextual() || want.isNumber() || have.isNumber());
    }

    private static ObjectNode tree(HasMetadata object) {
        try {
            return (ObjectNode) Json.mapper().readTree(SERIALIZATION.asJson(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
