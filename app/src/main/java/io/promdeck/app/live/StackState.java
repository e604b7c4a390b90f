package io.promdeck.app.live;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertDedup;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.PeerAlerts;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.thanos.StoreSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about a stack at one moment: each endpoint's latest snapshot. A new value is made every time any
 * snapshot arrives; nothing in it changes afterwards.
 */
public record StackState(
        Map<String, Snapshot<ReplicaStatus>> replicas,
        Map<String, Snapshot<PeerStatus>> peers,
        Map<String, Snapshot<List<Alert>>> alerts,
        Map<String, Snapshot<List<Silence>>> silences,
        Map<String, Snapshot<StoreSet>> stores,
        int expectedReplicas,
        int expectedPeers) {

    public StackState {
        replicas = copy(replicas);
        peers = copy(peers);
        alerts = copy(alerts);
        silences = copy(silences);
        stores = copy(stores);
    }

    public static StackState empty(int expectedReplicas, int expectedPeers) {
        return new StackState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), expectedReplicas, expectedPeers);
    }

    private static <T> Map<String, T> copy(Map<String, T> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public StackState withReplica(Snapshot<ReplicaStatus> s) {
        Map<String, Snapshot<ReplicaStatus>> next = new LinkedHashMap<>(replicas);
        next.put(s.endpoint(), s);
        return new StackState(next, peers, alerts, silences, stores, expectedReplicas, expectedPeers);
    }

    public StackState withPeer(Snapshot<PeerStatus> s) {
        Map<String, Snapshot<PeerStatus>> next = new LinkedHashMap<>(peers);
        next.put(s.endpoint(), s);
        return new StackState(replicas, next, alerts, silences, stores, expectedReplicas, expectedPeers);
    }

    public StackState withAlerts(Snapshot<List<Alert>> s) {
        Map<String, Snapshot<List<Alert>>> next = new LinkedHashMap<>(alerts);
        next.put(s.endpoint(), s);
        return new StackState(replicas, peers, next, silences, stores, expectedReplicas, expectedPeers);
    }

    public StackState withSilences(Snapshot<List<Silence>> s) {
        Map<String, Snapshot<List<Silence>>> next = new LinkedHashMap<>(silences);
        next.put(s.endpoint(), s);
        return new StackState(replicas, peers, alerts, next, stores, expectedReplicas, expectedPeers);
    }

    public StackState withStores(Snapshot<StoreSet> s) {
        Map<String, Snapshot<StoreSet>> next = new LinkedHashMap<>(stores);
        next.put(s.endpoint(), s);
        return new StackState(replicas, peers, alerts, silences, next, expectedReplicas, expectedPeers);
    }

    /** Alerts of every peer that answered, merged by fingerprint. */
    public List<DedupedAlert> dedupedAlerts() {
        List<PeerAlerts> lists = new ArrayList<>();
        alerts.forEach((peer, snapshot) -> snapshot.value().ifPresent(list -> lists.add(new PeerAlerts(peer, list))));
        return AlertDedup.merge(lists);
    }

    /** Silences of every peer, merged by id (the first peer's copy). */
    public List<Silence> mergedSilences() {
        Map<String, Silence> byId = new LinkedHashMap<>();
        silences.values().forEach(s -> s.value().ifPresent(list -> list.forEach(silence -> byId.putIfAbsent(silence.id(), silence))));
        return List.copyOf(byId.values());
    }
}
