package io.promdeck.app.live;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.PeerAlerts;
import java.util.Collections;
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

    private record Entry(List<PeerAlerts> inputs, List<DedupedAlert> merged) {
    }

    private static volatile Entry last;

    private MergedAlerts() {
    }

    /** The merge of {@code inputs}; the very list returned before when every peer's list is the same object. */
    static List<DedupedAlert> of(List<PeerAlerts> inputs) {
        Entry entry = last;
        if (entry != null && sameLists(entry.inputs(), inputs)) {
            return entry.merged();
        }
        // Entries that did not change are the previous merge's objects, so the table's rows can be kept by identity.
        List<DedupedAlert> merged = Collections.unmodifiableList(AlertDedup.merge(inputs, entry == null ? List.of() : entry.merged()));
        last = new Entry(List.copyOf(inputs), merged);
        return merged;
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
