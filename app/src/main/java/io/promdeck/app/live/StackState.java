package io.promdeck.app.live;

import io.promdeck.app.alertmanager.Alert;
import io.promdeck.app.alertmanager.AlertmanagerDialect;
import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.PeerAlerts;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.UnreadableItem;
import io.promdeck.app.thanos.StoreSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about a stack at one moment: each endpoint's latest snapshot. A new value is made every time any
 * snapshot arrives; nothing in it changes afterwards.
 */
public record StackState(
        Map<String, Snapshot<ReplicaStatus>> replicas,
        Map<String, Snapshot<AlertmanagerStatus>> peers,
        Map<String, Snapshot<Listing<Alert>>> alerts,
        Map<String, Snapshot<Listing<Silence>>> silences,
        Map<String, Snapshot<StoreSet>> stores,
        StackDetails details,
        StackShape shape) {

    public StackState {
        replicas = copy(replicas);
        peers = copy(peers);
        alerts = copy(alerts);
        silences = copy(silences);
        stores = copy(stores);
    }

    public static StackState empty(int expectedReplicas, int expectedPeers) {
        return empty(StackShape.of(expectedReplicas, expectedPeers));
    }

    public static StackState empty(StackShape shape) {
        return new StackState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), StackDetails.empty(), shape);
    }

    public int expectedReplicas() {
        return shape.expected(io.promdeck.app.cluster.Component.PROMETHEUS);
    }

    public int expectedPeers() {
        return shape.expected(io.promdeck.app.cluster.Component.ALERTMANAGER);
    }

    public StackState withDetails(java.util.function.UnaryOperator<StackDetails> change) {
        return new StackState(replicas, peers, alerts, silences, stores, change.apply(details), shape);
    }

    /**
     * This state with only the named Prometheus endpoints (one HA group of a federated or sharded stack), expecting
     * as many as are named; the rest (peers, alerts, Thanos) as it is. The replica label, when detected, is detected
     * within the group.
     */
    public StackState onlyPrometheus(java.util.Collection<String> names) {
        Map<String, Snapshot<ReplicaStatus>> kept = new LinkedHashMap<>(replicas);
        kept.keySet().retainAll(names);
        Map<String, Snapshot<ReplicaDetails>> keptDetails = new LinkedHashMap<>(details.replicas());
        keptDetails.keySet().retainAll(names);
        Map<io.promdeck.app.cluster.Component, Integer> expected = new java.util.EnumMap<>(io.promdeck.app.cluster.Component.class);
        expected.putAll(shape.expected());
        expected.put(io.promdeck.app.cluster.Component.PROMETHEUS, names.size());
        Map<String, String> groups = new LinkedHashMap<>(shape.groups());
        groups.keySet().retainAll(names);
        Map<String, PrometheusRole> roles = new LinkedHashMap<>(shape.roles());
        roles.keySet().retainAll(names);
        return new StackState(kept, peers, alerts, silences, stores,
                new StackDetails(keptDetails, details.peerMetrics(), details.queryFlags(), details.components()),
                new StackShape(expected, shape.replicaLabel(), shape.peerAddresses(), groups, roles));
    }

    /**
     * The replica label: as the stack declares it; else detected as the one external label whose value differs between
     * the replicas that answered; else unknown.
     */
    public ReplicaLabel replicaLabel() {
        if (shape.replicaLabel().isPresent()) {
            return shape.replicaLabel().get();
        }
        List<Map<String, String>> labels = new ArrayList<>();
        replicas.values().forEach(s -> s.value().ifPresent(v -> labels.add(v.externalLabels())));
        java.util.Set<String> names = new java.util.TreeSet<>();
        labels.forEach(l -> names.addAll(l.keySet()));
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            java.util.Set<String> values = new java.util.HashSet<>();
            labels.forEach(l -> values.add(l.getOrDefault(name, "")));
            if (values.size() > 1) {
                differing.add(name);
            }
        }
        if (differing.size() == 1) {
            return new ReplicaLabel(differing.get(0), ReplicaLabel.Source.DETECTED);
        }
        for (String conventional : List.of("replica", "prometheus_replica")) {
            if (differing.contains(conventional)) {
                return new ReplicaLabel(conventional, ReplicaLabel.Source.DETECTED);
            }
        }
        return new ReplicaLabel("", ReplicaLabel.Source.UNKNOWN);
    }

    private static <T> Map<String, T> copy(Map<String, T> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static <T> Map<String, T> with(Map<String, T> map, String key, T value) {
        Map<String, T> next = new LinkedHashMap<>(map);
        next.put(key, value);
        return next;
    }

    public StackState withReplica(Snapshot<ReplicaStatus> s) {
        return new StackState(with(replicas, s.endpoint(), s), peers, alerts, silences, stores, details, shape);
    }

    public StackState withPeer(Snapshot<AlertmanagerStatus> s) {
        return new StackState(replicas, with(peers, s.endpoint(), s), alerts, silences, stores, details, shape);
    }

    public StackState withAlerts(Snapshot<Listing<Alert>> s) {
        return new StackState(replicas, peers, with(alerts, s.endpoint(), s), silences, stores, details, shape);
    }

    public StackState withSilences(Snapshot<Listing<Silence>> s) {
        return new StackState(replicas, peers, alerts, with(silences, s.endpoint(), s), stores, details, shape);
    }

    public StackState withStores(Snapshot<StoreSet> s) {
        return new StackState(replicas, peers, alerts, silences, with(stores, s.endpoint(), s), details, shape);
    }

    /**
     * The matcher syntax the peers accept: while versions differ (an upgrade under way) the strictest of them, so
     * what Promdeck lets through every peer accepts; {@link AlertmanagerDialect#DEFAULT} before any peer answered.
     */
    public AlertmanagerDialect alertmanagerDialect() {
        AlertmanagerDialect strictest = null;
        for (Snapshot<AlertmanagerStatus> s : peers.values()) {
            if (s.value().isEmpty()) {
                continue;
            }
            AlertmanagerDialect d = s.value().get().dialect();
            if (strictest == null || !d.utf8Parser() && strictest.utf8Parser()
                    || d.utf8Parser() == strictest.utf8Parser() && !d.angleNamedGroups() && strictest.angleNamedGroups()) {
                strictest = d;
            }
        }
        return strictest == null ? AlertmanagerDialect.DEFAULT : strictest;
    }

    /**
     * Whether the replicas send their alerts to the peer addresses the console knows. False when the console reaches
     * the peers elsewhere (a profile through a proxy or an ingress, a port-forward) or no replica's details are fresh:
     * then which peer a replica misses cannot be told by address, only how many it sends to.
     */
    public boolean replicasUsePeerAddresses() {
        java.util.Collection<String> known = shape.peerAddresses().values();
        return details.replicas().values().stream().filter(Snapshot::fresh).flatMap(s -> s.value().stream())
                .anyMatch(r -> r.alertmanagers().activeAddresses().stream().anyMatch(known::contains));
    }

    /** Which peers' alert lists may be used now, or why none can. */
    public Coverage alertCoverage(Instant now) {
        return Coverage.of("alerts", "peers", alerts, expectedPeers(), now);
    }

    public Coverage silenceCoverage(Instant now) {
        return Coverage.of("silences", "peers", silences, expectedPeers(), now);
    }

    /**
     * Alerts of the peers {@code coverage} names (fresh ones, else the last known), merged by fingerprint; unmodifiable.
     * Asked again for the same listings (another panel, the same state) it is the same list, merged once.
     */
    public List<DedupedAlert> dedupedAlerts(Coverage coverage) {
        List<PeerAlerts> lists = new ArrayList<>();
        for (String peer : coverage.used()) {
            alerts.get(peer).value().ifPresent(listing -> lists.add(new PeerAlerts(peer, listing.items())));
        }
        return MergedAlerts.of(lists);
    }

    /** {@link #dedupedAlerts(Coverage)} over the alert coverage now. */
    public List<DedupedAlert> dedupedAlerts(Instant now) {
        return dedupedAlerts(alertCoverage(now));
    }

    /** Alert list items no peer's reply could be read for, once per raw text (peers send the same odd item). */
    public List<UnreadableItem> unreadableAlerts(Coverage coverage) {
        return unreadable(alerts, coverage);
    }

    public List<UnreadableItem> unreadableSilences(Coverage coverage) {
        return unreadable(silences, coverage);
    }

    private static <T> List<UnreadableItem> unreadable(Map<String, Snapshot<Listing<T>>> map, Coverage coverage) {
        Map<String, UnreadableItem> byRaw = new LinkedHashMap<>();
        for (String peer : coverage.used()) {
            map.get(peer).value().ifPresent(listing -> listing.unreadable().forEach(item -> byRaw.putIfAbsent(item.raw(), item)));
        }
        return List.copyOf(byRaw.values());
    }

    /** Silences of the peers {@code coverage} names, merged by id (the first peer's copy). */
    public List<Silence> mergedSilences(Coverage coverage) {
        Map<String, Silence> byId = new LinkedHashMap<>();
        for (String peer : coverage.used()) {
            silences.get(peer).value().ifPresent(listing -> listing.items().forEach(silence -> byId.putIfAbsent(silence.id(), silence)));
        }
        return List.copyOf(byId.values());
    }

    public List<Silence> mergedSilences(Instant now) {
        return mergedSilences(silenceCoverage(now));
    }

    /**
     * Every snapshot by the kind of call that made it ("status", "alerts", ...), for the connection state: a failing
     * call of any kind counts.
     */
    public Map<String, List<Snapshot<?>>> snapshotsByKind() {
        Map<String, List<Snapshot<?>>> all = new LinkedHashMap<>();
        all.put("Prometheus", List.copyOf(replicas.values()));
        all.put("Alertmanager status", List.copyOf(peers.values()));
        all.put("alerts", List.copyOf(alerts.values()));
        all.put("silences", List.copyOf(silences.values()));
        all.put("Thanos stores", List.copyOf(stores.values()));
        all.values().removeIf(List::isEmpty);
        return all;
    }
}
