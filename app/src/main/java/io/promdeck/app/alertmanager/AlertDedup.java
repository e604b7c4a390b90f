package io.promdeck.app.alertmanager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the alert lists of N Alertmanager peers into one list keyed by fingerprint. */
public final class AlertDedup {

    private AlertDedup() {
    }

    /** Order: first appearance, peer by peer. */
    public static List<DedupedAlert> merge(List<PeerAlerts> peers) {
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
        for (Builder builder : byFingerprint.values()) {
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
