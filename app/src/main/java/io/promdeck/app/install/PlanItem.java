package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What applying would do to one object.
 *
 * @param changedFields for UPDATE, the JSON paths (of fields Promdeck sets) whose live value differs
 * @param object        the rendered object (CREATE, UPDATE, UNCHANGED) or the live one (ORPHANED)
 */
public record PlanItem(Action action, String component, HasMetadata object, List<String> changedFields) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, ORPHANED
    }

    public PlanItem {
        changedFields = List.copyOf(changedFields);
    }

    public String id() {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    @Override
    public String toString() {
        return action + " " + id() + (changedFields.isEmpty() ? "" : " " + changedFields);
    }
}
