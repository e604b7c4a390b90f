package io.promdeck.app.alertmanager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the alert lists of N Alertmanager peers into one list keyed by fingerprint. */
public final class AlertDedup {

    private AlertDedup() {
    }

    /**
     * A merge with what it was made from, so that the next one can start from it ({@link #merge(List, Merge)}).
     * {@code entryOf[p][i]} is the entry of peer p's i-th alert, {@code heldAt[p][e]} the position of entry e in peer
     * p's list (-1 when p does not hold it); both null when a peer listed one fingerprint twice.
     */
    public static final class Merge {
        private static final Merge NONE = new Merge(List.of(), List.of(), null, null);

        private final List<PeerAlerts> inputs;
        private final List<DedupedAlert> alerts;
        final int[][] entryOf; // package-private: the tests tell a merge made in place by it
        private final int[][] heldAt;

        private Merge(List<PeerAlerts> inputs, List<DedupedAlert> alerts, int[][] entryOf, int[][] heldAt) {
            this.inputs = inputs;
            this.alerts = alerts;
            this.entryOf = entryOf;
            this.heldAt = heldAt;
        }

        public static Merge none() {
            return NONE;
        }

        /** The merged alerts, unmodifiable. */
        public List<DedupedAlert> alerts() {
            return alerts;
        }

        public List<PeerAlerts> inputs() {
            return inputs;
        }
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
        return full(peers, previous).alerts();
    }

    /**
     * The merge of {@code peers}, made from {@code previous} when every peer lists the same fingerprints in the same
     * places as then (alerts re-sent, silenced, changed in place — the usual refresh): the lists are compared by
     * identity in order, and only the entries of alerts that are new objects are made again; every other entry is the
     * previous one. When a peer's list grew, shrank or moved, the whole merge is made ({@link #merge(List, List)}).
     * The result is the same either way; at 100,000 alerts per peer the full merge's table of fingerprints was most
     * of its cost.
     */
    public static Merge merge(List<PeerAlerts> peers, Merge previous) {
        Merge inPlace = inPlace(peers, previous);
        return inPlace != null ? inPlace : full(peers, previous.alerts);
    }

    private static Merge inPlace(List<PeerAlerts> peers, Merge previous) {
        if (previous.entryOf == null || previous.inputs.size() != peers.size() || previous.alerts.isEmpty()) {
            return null;
        }
        BitSet changed = new BitSet(previous.alerts.size());
        for (int p = 0; p < peers.size(); p++) {
            PeerAlerts now = peers.get(p);
            PeerAlerts was = previous.inputs.get(p);
            if (!now.peer().equals(was.peer()) || now.alerts().size() != was.alerts().size()) {
                return null;
            }
            if (now.alerts() == was.alerts()) {
                continue;
            }
            List<Alert> nowAlerts = now.alerts();
            List<Alert> wasAlerts = was.alerts();
            for (int i = 0; i < nowAlerts.size(); i++) {
                Alert alert = nowAlerts.get(i);
                Alert before = wasAlerts.get(i);
                if (alert != before) {
                    if (!alert.fingerprint().equals(before.fingerprint())) {
                        return null;
                    }
                    changed.set(previous.entryOf[p][i]);
                }
            }
        }
        DedupedAlert[] entries = null;
        for (int e = changed.nextSetBit(0); e >= 0; e = changed.nextSetBit(e + 1)) {
            Alert first = null;
            boolean statesAgree = true;
            for (int p = 0; p < peers.size(); p++) {
                int at = previous.heldAt[p][e];
                if (at >= 0) {
                    Alert alert = peers.get(p).alerts().get(at);
                    if (first == null) {
                        first = alert;
                    } else {
                        statesAgree &= alert.state() == first.state();
                    }
                }
            }
            DedupedAlert before = previous.alerts.get(e);
            if (first != before.alert() || statesAgree != before.statesAgree()) { // else another holder's copy changed
                if (entries == null) {
                    entries = previous.alerts.toArray(DedupedAlert[]::new);
                }
                entries[e] = new DedupedAlert(first, before.peers(), statesAgree);
            }
        }
        // No entry changed: the previous list itself, which what is built from it tells by identity.
        List<DedupedAlert> alerts = entries == null ? previous.alerts : Collections.unmodifiableList(Arrays.asList(entries));
        return new Merge(List.copyOf(peers), alerts, previous.entryOf, previous.heldAt);
    }

    private static Merge full(List<PeerAlerts> peers, List<DedupedAlert> previous) {
        Map<String, Builder> byFingerprint = new LinkedHashMap<>();
        int[][] entryOf = new int[peers.size()][];
        for (int p = 0; p < peers.size(); p++) {
            PeerAlerts peer = peers.get(p);
            List<Alert> alerts = peer.alerts();
            entryOf[p] = new int[alerts.size()];
            for (int i = 0; i < alerts.size(); i++) {
                Alert alert = alerts.get(i);
                Builder builder = byFingerprint.get(alert.fingerprint());
                if (builder == null) {
                    builder = new Builder(byFingerprint.size(), alert, peer.peer());
                    byFingerprint.put(alert.fingerprint(), builder);
                } else {
                    builder.add(alert, peer.peer());
                }
                entryOf[p][i] = builder.index;
            }
        }
        int[][] heldAt = new int[peers.size()][byFingerprint.size()];
        boolean positionsKnown = true;
        for (int p = 0; p < peers.size(); p++) {
            Arrays.fill(heldAt[p], -1);
            for (int i = 0; i < entryOf[p].length; i++) {
                positionsKnown &= heldAt[p][entryOf[p][i]] < 0; // a fingerprint listed twice by one peer: no next merge in place
                heldAt[p][entryOf[p][i]] = i;
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
        return positionsKnown ? new Merge(List.copyOf(peers), Collections.unmodifiableList(merged), entryOf, heldAt)
                : new Merge(List.copyOf(peers), Collections.unmodifiableList(merged), null, null);
    }

    private static final class Builder {
        private final int index;
        private final Alert first;
        private final List<String> peers = new ArrayList<>(3);
        private boolean statesAgree = true;

        Builder(int index, Alert first, String peer) {
            this.index = index;
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
