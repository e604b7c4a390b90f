package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What applying would do to one object.
 *
 * @param changes     for UPDATE, every field Promdeck sets whose live value differs, with old and new values
 * @param object      the rendered object (CREATE, UPDATE, UNCHANGED) or the live one (ORPHANED)
 * @param how         how an UPDATE reaches the cluster (a real API server refuses some fields in place)
 * @param explanation what {@code how} means for this object, in a sentence ("" when in place)
 * @param resizes     for {@link How#EXPAND_VOLUMES}, the claims grown before the StatefulSet is recreated
 * @param serverCheck what the API server's dry run said ("" when none was made)
 */
public record PlanItem(Action action, String component, HasMetadata object, List<FieldChange> changes, How how, String explanation,
        List<ClaimResize> resizes, String serverCheck) {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, ORPHANED
    }

    /** How a change is made. */
    public enum How {
        /** Applied to the object as it is. */
        IN_PLACE("in place"),
        /** The object is deleted (leaving its pods and volumes) and created again, which adopts them. */
        RECREATE("needs recreate"),
        /** Each PersistentVolumeClaim is grown, then the StatefulSet recreated with the new size. */
        EXPAND_VOLUMES("volume expansion"),
        /** A Job: deleted with its pods and created again (it runs once more). */
        REPLACE("replaced"),
        /** Cannot be made; the explanation says why and what to do. Nothing is sent. */
        REFUSED("refused");

        private final String words;

        How(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public PlanItem {
        changes = List.copyOf(changes);
        resizes = List.copyOf(resizes);
        how = how == null ? How.IN_PLACE : how;
        explanation = explanation == null ? "" : explanation;
        serverCheck = serverCheck == null ? "" : serverCheck;
    }

    public PlanItem(Action action, String component, HasMetadata object, List<FieldChange> changes) {
        this(action, component, object, changes, How.IN_PLACE, "", List.of(), "");
    }

    public PlanItem withServerCheck(String check) {
        return new PlanItem(action, component, object, changes, how, explanation, resizes, check);
    }

    public PlanItem refused(String why) {
        return new PlanItem(action, component, object, changes, How.REFUSED, why, List.of(), serverCheck);
    }

    /** The JSON paths of {@link #changes()}. */
    public List<String> changedFields() {
        return changes.stream().map(FieldChange::path).toList();
    }

    public String id() {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    @Override
    public String toString() {
        return action + " " + id() + (action == Action.UPDATE && how != How.IN_PLACE ? " (" + how.words() + ")" : "")
                + (changes.isEmpty() ? "" : " " + changes);
    }
}
