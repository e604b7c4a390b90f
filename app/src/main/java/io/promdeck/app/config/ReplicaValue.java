package io.promdeck.app.config;

import io.promdeck.app.input.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Replicas whose configuration files differ only in the replica label's value (one file per replica, as a lab or a
 * hand-run pair has them) get the edited text with their own value kept: the value's characters are replaced where
 * it is written, so everything else — comments, order, quoting — stays as edited.
 */
public final class ReplicaValue {

    private ReplicaValue() {
    }

    /** {@code edited} with the replica label's value as {@code original} writes it; {@code edited} itself when either lacks it. */
    public static String keep(String edited, String original, String replicaLabel) {
        if (replicaLabel == null || replicaLabel.isEmpty() || edited.equals(original)) {
            return edited;
        }
        try {
            Node mine = YamlDocument.parse(original).node("global", "external_labels", replicaLabel);
            Node theirs = YamlDocument.parse(edited).node("global", "external_labels", replicaLabel);
            if (!(mine instanceof ScalarNode a) || !(theirs instanceof ScalarNode b)) {
                return edited;
            }
            String raw = original.substring(a.getStartMark().getIndex(), a.getEndMark().getIndex());
            return edited.substring(0, b.getStartMark().getIndex()) + raw + edited.substring(b.getEndMark().getIndex());
        } catch (YamlDocument.Problem e) {
            return edited;
        }
    }

    /** The replica label's value as a file writes it, or "" when it has none. */
    public static String of(String text, String replicaLabel) {
        try {
            Node node = YamlDocument.parse(text).node("global", "external_labels", replicaLabel);
            return node instanceof ScalarNode scalar ? scalar.getValue() : "";
        } catch (YamlDocument.Problem e) {
            return "";
        }
    }
}
