package io.promdeck.app.alertmanager;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the alert lists of N Alertmanager peers into one list keyed by fingerprint. */
public final class AlertDedup {

    private AlertDedup() {
    }

    /** Order: first appearance, peer by peer. */
    public static List<DedupedAlert> merge(List<PeerAlerts> peers) {
        return merge(peers, List.of());
    }

    /**
     * As {@link #merge(List)}; an entry equal to one of {@code previous} (the same {@link Alert} object — the readers
     * reuse an alert whose bytes did not change — held by the same peers, states agreeing alike) is that very entry, so
     * what is built from the merge (the table's rows) can be reused by identity too. Looked up by position first (an
     * unchanged list merges in the same order), by identity of the alert when the positions differ.
     */
    public static List<DedupedAlert> merge(List<PeerAlerts> peers, List<DedupedAlert> previous) {
        Map<String, Builder> byFingerprint = new LinkedHashMap<>();
        for (PeerAlerts peer : peers) {
            for (Alert alert : peer.alerts()) {
                Builder builder = byFingerprint.get(alert.fingerprint());
                if (builder == null) {
                    byFingerprint.put(alert.fingerprint(), new Builder(alert, peer.peer()));
                } else {
                    builder.add(alert, peer.peer());
                }
            }
        }
        List<DedupedAlert> merged = new ArrayList<>(byFingerprint.size());
        // Most alerts are held by the same peers: one list per distinct set, not one per alert.
        Map<List<String>, List<String>> peerLists = new java.util.HashMap<>();
        Map<Alert, DedupedAlert> previousByAlert = null;
        int i = 0;
        for (Builder builder : byFingerprint.values()) {
            DedupedAlert before = i < previous.size() ? previous.get(i) : null;
            if (before == null || before.alert() != builder.first) {
                if (previousByAlert == null) {
                    previousByAlert = new IdentityHashMap<>(previous.size());
                    for (DedupedAlert d : previous) {
                        previousByAlert.put(d.alert(), d);
                    }
                }
                before = previousByAlert.get(builder.first);
            }
            i++;
            if (before != null && before.statesAgree() == builder.statesAgree && before.peers().equals(builder.peers)) {
                merged.add(before);
                peerLists.putIfAbsent(before.peers(), before.peers());
                continue;
            }
            List<String> held = peerLists.computeIfAbsent(List.copyOf(builder.peers), k -> k);
            merged.add(new DedupedAlert(builder.first, held, builder.statesAgree));
        }
        return merged;
    }

    private static final class Builder {
        private final Alert first;
        private final List<String> peers = new ArrayList<>(3);
        private boolean statesAgree = true;

        Builder(Alert first, String peer) {
            this.first = first;
            this.peers.add(peer);
        }

        void add(Alert alert, String peer) {
            if (!peers.contains(peer)) {
                peers.add(peer);
            }
            statesAgree &= alert.state() == first.state();
        }
    }
}
