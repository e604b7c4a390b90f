package io.promdeck.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdeck.app.http.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a real API server refuses on an update, for the kinds the bundled stack uses: the validation rules of
 * kubernetes/pkg/apis/{apps,batch,core}/validation and the PersistentVolumeClaimResize admission plugin, with their
 * status codes, reasons, field paths and messages. Only the rules Promdeck can run into are here:
 * <ul>
 * <li>StatefulSet: only {@code replicas}, {@code ordinals}, {@code template}, {@code updateStrategy},
 *     {@code persistentVolumeClaimRetentionPolicy} and {@code minReadySeconds} of the spec may change (so
 *     {@code volumeClaimTemplates}, {@code selector}, {@code serviceName} and {@code podManagementPolicy} may not);</li>
 * <li>Deployment and DaemonSet: {@code spec.selector} is immutable;</li>
 * <li>Job: {@code spec.selector} and {@code spec.template} are immutable (apps' rule since batch/v1);</li>
 * <li>Service: {@code spec.clusterIP} may not change once set (headless ↔ not headless);</li>
 * <li>PersistentVolumeClaim: the spec is immutable except {@code resources.requests}; storage may not shrink; and
 *     growing it needs a StorageClass with {@code allowVolumeExpansion: true} (admission, 403).</li>
 * </ul>
 * Still different from a real server: the Go-struct dumps a real server prints after "Invalid value:" are shortened
 * to the type's name; defaulting is not done before the comparison (Promdeck compares only the fields it sets, so
 * defaulted fields never reach here changed); no other validation of the object's content (a real server also
 * rejects malformed objects on create).
 */
final class ApiServerRules {

    /** A refusal as the API server's {@code Status} object says it. */
    record Refusal(int code, String reason, String message, String kind, String group, String name, String field, String causeMessage) {

        ObjectNode status() {
            ObjectNode status = Json.mapper().createObjectNode();
            status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
            status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
            ObjectNode details = status.putObject("details");
            details.put("name", name).put("kind", kind.toLowerCase(java.util.Locale.ROOT) + (kind.endsWith("s") ? "es" : "s"));
            if (!group.isEmpty()) {
                details.put("group", group);
            }
            if (field != null) {
                details.putArray("causes").addObject().put("reason", code == 422 ? "FieldValueInvalid" : "FieldValueForbidden")
                        .put("message", causeMessage).put("field", field);
            }
            return status;
        }
    }

    private static final Set<String> STATEFULSET_MUTABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private ApiServerRules() {
    }

    /**
     * The refusal a real server gives to replacing {@code old} by {@code updated}, if any.
     *
     * @param storageClasses looks a StorageClass up by name (null when there is none)
     */
    static Optional<Refusal> update(ObjectNode old, ObjectNode updated, Function<String, JsonNode> storageClasses) {
        String kind = updated.path("kind").asText(old.path("kind").asText());
        String name = updated.path("metadata").path("name").asText();
        JsonNode before = old.path("spec");
        JsonNode after = updated.path("spec");
        switch (kind) {
            case "StatefulSet" -> {
                ObjectNode a = before.isObject() ? ((ObjectNode) before).deepCopy() : Json.mapper().createObjectNode();
                ObjectNode b = after.isObject() ? ((ObjectNode) after).deepCopy() : Json.mapper().createObjectNode();
                a.remove(STATEFULSET_MUTABLE);
                b.remove(STATEFULSET_MUTABLE);
                if (!a.equals(b)) {
                    String cause = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                            + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
                    return Optional.of(invalid(kind, "apps", name, "spec", "Forbidden: " + cause));
                }
            }
            case "Deployment", "DaemonSet" -> {
                if (!before.path("selector").equals(after.path("selector"))) {
                    return Optional.of(invalid(kind, "apps", name, "spec.selector", "Invalid value: v1.LabelSelector{…}: field is immutable"));
                }
            }
            case "Job" -> {
                if (!before.path("selector").equals(after.path("selector")) && after.has("selector")) {
                    return Optional.of(invalid(kind, "batch", name, "spec.selector", "Invalid value: v1.LabelSelector{…}: field is immutable"));
                }
                if (!before.path("template").equals(after.path("template"))) {
                    return Optional.of(invalid(kind, "batch", name, "spec.template", "Invalid value: core.PodTemplateSpec{…}: field is immutable"));
                }
            }
            case "Service" -> {
                String was = before.path("clusterIP").asText("");
                String now = after.path("clusterIP").asText("");
                if (!was.isEmpty() && !was.equals(now)) {
                    return Optional.of(invalid(kind, "", name, "spec.clusterIP", "Invalid value: \"" + now + "\": field is immutable"));
                }
            }
            case "PersistentVolumeClaim" -> {
                return claim(name, before, after, storageClasses);
            }
            default -> {
                // No immutable fields Promdeck touches.
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> claim(String name, JsonNode before, JsonNode after, Function<String, JsonNode> storageClasses) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode spec : List.of(a, b)) {
            if (spec.path("resources").isObject()) {
                ((ObjectNode) spec.get("resources")).remove("requests");
            }
            spec.remove("volumeAttributesClassName");
            // A real server fills these in at creation; an apply that leaves them out does not change them.
            spec.remove(List.of("volumeName", "volumeMode"));
        }
        if (!a.equals(b)) {
            return Optional.of(invalid("PersistentVolumeClaim", "", name, "spec",
                    "Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
        }
        java.math.BigDecimal was = bytes(before.path("resources").path("requests").path("storage").asText("0"));
        java.math.BigDecimal now = bytes(after.path("resources").path("requests").path("storage").asText("0"));
        if (now.compareTo(was) < 0) {
            return Optional.of(invalid("PersistentVolumeClaim", "", name, "spec.resources.requests.storage",
                    "Forbidden: field can not be less than previous value"));
        }
        if (now.compareTo(was) > 0) {
            JsonNode storageClass = storageClasses.apply(before.path("storageClassName").asText(""));
            if (storageClass == null || !storageClass.path("allowVolumeExpansion").asBoolean(false)) {
                String message = "persistentvolumeclaims \"" + name + "\" is forbidden: only dynamically provisioned pvc can be resized and "
                        + "the storageclass that provisions the pvc must support resize";
                return Optional.of(new Refusal(403, "Forbidden", message, "PersistentVolumeClaim", "", name, null, null));
            }
        }
        return Optional.empty();
    }

    private static java.math.BigDecimal bytes(String quantity) {
        return new io.fabric8.kubernetes.api.model.Quantity(quantity).getNumericalAmount();
    }

    private static Refusal invalid(String kind, String group, String name, String field, String cause) {
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        return new Refusal(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + field + ": " + cause, kind, group, name, field,
                cause);
    }
}
