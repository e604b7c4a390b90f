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
            List<String> changed = changedFields(o.object(), live);
            items.add(new PlanItem(changed.isEmpty() ? PlanItem.Action.UNCHANGED : PlanItem.Action.UPDATE, o.component(), o.object(), changed));
        }
        StackParameters p = stack.parameters();
        for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
            List<GenericKubernetesResource> live = kind.clusterScoped()
                    ? client.genericKubernetesResources(kind.apiVersion(), kind.kind())
                            .withLabel(StackRenderer.OWNER_NAMESPACE, p.namespace()).withLabel(StackRenderer.PART_OF, "promdeck")
                            .withLabel(StackRenderer.INSTANCE, p.instance()).list().getItems()
                    : client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(p.namespace())
                            .withLabel(StackRenderer.PART_OF, "promdeck").withLabel(StackRenderer.INSTANCE, p.instance()).list().getItems();
            for (GenericKubernetesResource object : live) {
                // PVCs made from volumeClaimTemplates are the data, not part of the rendered set: never orphans.
                if (!rendered.contains(key(object)) && !"PersistentVolumeClaim".equals(object.getKind())) {
                    String component = object.getMetadata().getLabels().getOrDefault(StackRenderer.COMPONENT, "");
                    items.add(new PlanItem(PlanItem.Action.ORPHANED, component, object, List.of()));
                }
            }
        }
        return new Plan(stack, items);
    }

    static String key(HasMetadata o) {
        return o.getKind() + "/" + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace()) + "/" + o.getMetadata().getName();
    }

    /** JSON paths of the fields set in {@code rendered} whose value in {@code live} differs. */
    static List<String> changedFields(HasMetadata rendered, HasMetadata live) {
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
        List<String> changed = new ArrayList<>();
        diff("", want, have, changed);
        return changed;
    }

    private static void diff(String path, JsonNode want, JsonNode have, List<String> changed) {
        if (want.isObject()) {
            if (have == null || !have.isObject()) {
                changed.add(path.isEmpty() ? "/" : path);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                diff(path + "/" + field.getKey(), field.getValue(), have.get(field.getKey()), changed);
            }
        } else if (want.isArray()) {
            if (have == null || !have.isArray() || have.size() != want.size()) {
                changed.add(path);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                diff(path + "/" + i, want.get(i), have.get(i), changed);
            }
        } else if (have == null || !sameScalar(want, have)) {
            changed.add(path);
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
