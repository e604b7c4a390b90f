package io.promdeck.app.live;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.PeerAlerts;
import java.util.List;

/**
 * The merge of the peers' alert lists, made once per distinct input. Every consumer of a state (the alerts panel, the
 * silences panel's index, the Overview, the silence form) asks for the same merge of the same lists; the lists of a
 * snapshot never change, so the same lists by identity give the same merge. One entry only: it refers to the latest
 * inputs, which the latest state holds anyway, so it keeps no older listing alive for long. With several sessions at
 * once (the fleet view to come) they would take turns in it: still right, merged once per session's state instead of
 * once per consumer — a cache per session then, held by its monitor.
 */
final class MergedAlerts {

    private static volatile AlertDedup.Merge last = AlertDedup.Merge.none();

    private MergedAlerts() {
    }

    /** The merge of {@code inputs}; the very list returned before when every peer's list is the same object. */
    static List<DedupedAlert> of(List<PeerAlerts> inputs) {
        AlertDedup.Merge before = last;
        if (sameLists(before.inputs(), inputs)) {
            return before.alerts();
        }
        // Made from the previous merge: entries that did not change are its objects, so the table's rows are kept by
        // identity, and when the peers list the same fingerprints in the same places only the changed entries are made.
        AlertDedup.Merge merge = AlertDedup.merge(inputs, before);
        last = merge;
        return merge.alerts();
    }

    private static boolean sameLists(List<PeerAlerts> a, List<PeerAlerts> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            List<Alert> x = a.get(i).alerts();
            List<Alert> y = b.get(i).alerts();
            if (x != y || !a.get(i).peer().equals(b.get(i).peer())) {
                return false;
            }
        }
        return true;
    }
}
