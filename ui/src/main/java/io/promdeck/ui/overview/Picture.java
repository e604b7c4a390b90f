package io.promdeck.ui.overview;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.peers.PeerMesh;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's topology as a drawing: boxes for each replica (with its sidecar), each Alertmanager peer, Thanos Query,
 * Store Gateway, Compactor and the bucket, and the lines between them, each coloured by its worst finding. Pure: the
 * view only places shapes at these coordinates (a 760 × 460 canvas).
 */
public record Picture(List<Node> nodes, List<Edge> edges) {

    public static final double WIDTH = 760;
    public static final double HEIGHT = 460;

    public Picture {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * @param id      the doctor's node id ("prometheus/prometheus-0", "alertmanager/…", "sidecar/…", "thanos/query", …)
     * @param kind    prometheus, sidecar, alertmanager, query, store, compactor, bucket
     * @param caption second line (state, "not answering")
     */
    public record Node(String id, String label, String caption, String kind, Verdict verdict, double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }
    }

    /** A line between two nodes; {@code broken} when the relation does not hold (a peer that does not see another). */
    public record Edge(String from, String to, Verdict verdict, boolean broken) {
    }

    public java.util.Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public static Picture of(StackState state, Diagnosis diagnosis) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        boolean thanos = !state.stores().isEmpty();
        List<String> replicas = new ArrayList<>(state.replicas().keySet());
        replicas.sort(null);
        boolean sidecars = thanos && (!state.details().components(Component.THANOS_SIDECAR).isEmpty()
                || state.stores().values().stream().anyMatch(s -> s.value().map(v -> !v.ofType("sidecar").isEmpty()).orElse(false)));
        // Row 1: Thanos. Row 2: Prometheus replicas (with sidecars). Row 3: the Alertmanager mesh.
        if (thanos) {
            nodes.add(new Node("thanos/query", "Thanos Query", answering(state.stores().values().stream().anyMatch(s -> s.fresh())), "query",
                    diagnosis.verdict("thanos/query"), 40, 20, 150, 54));
            long gateways = state.stores().values().stream().flatMap(x -> x.value().stream()).mapToLong(v -> v.ofType("store").size()).max().orElse(0);
            nodes.add(new Node("thanos/store", "Store Gateway", gateways == 0 ? "none found" : gateways + " serving the bucket", "store",
                    diagnosis.verdict("thanos/store"), 230, 20, 150, 54));
            int compactors = state.details().components(Component.THANOS_COMPACTOR).size();
            nodes.add(new Node("thanos/compactor", "Compactor", compactors == 0 ? "none found" : compactors + " running", "compactor",
                    diagnosis.verdict("thanos/compactor"), 420, 20, 150, 54));
            nodes.add(new Node("thanos/bucket", "Bucket", "object storage", "bucket", diagnosis.verdict("thanos/bucket"), 610, 20, 120, 54));
            edges.add(new Edge("thanos/query", "thanos/store", diagnosis.verdict("thanos/store"), false));
            edges.add(new Edge("thanos/store", "thanos/bucket", Verdict.OK, false));
            edges.add(new Edge("thanos/compactor", "thanos/bucket", diagnosis.verdict("thanos/compactor"), false));
        }
        double rowY = thanos ? 150 : 40;
        double step = replicas.isEmpty() ? 0 : Math.min(230, (WIDTH - 40) / replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            String name = replicas.get(i);
            var snapshot = state.replicas().get(name);
            String id = "prometheus/" + name;
            double x = 20 + i * step + Math.max(0, (step - 190) / 2);
            // The group only where there are several (data centres, shards); the role where it is not a replica.
            boolean groups = state.shape().groups().values().stream().distinct().count() > 1;
            String where = !groups || state.shape().group(name).isEmpty() ? "" : " · " + state.shape().group(name);
            if (state.shape().role(name) != io.promdeck.app.live.PrometheusRole.REPLICA) {
                where = " · " + state.shape().role(name).name().toLowerCase(java.util.Locale.ROOT);
            }
            String caption = (snapshot.fresh() ? snapshot.value().map(v -> "v" + v.version()).orElse("") : "not answering") + where;
            nodes.add(new Node(id, name, caption,
                    "prometheus", diagnosis.verdict(id), x, rowY, 140, 60));
            if (sidecars) {
                String sidecar = "sidecar/" + name;
                nodes.add(new Node(sidecar, "sidecar", "Thanos", "sidecar", diagnosis.verdict(sidecar), x + 144, rowY + 6, 72, 48));
                edges.add(new Edge(sidecar, "thanos/query", diagnosis.verdict(sidecar), false));
                edges.add(new Edge(sidecar, "thanos/bucket", diagnosis.verdict(sidecar), false));
            }
        }
        PeerMesh mesh = PeerMesh.of(state);
        List<String> peers = mesh.peers();
        double meshY = rowY + 150;
        double peerStep = peers.isEmpty() ? 0 : Math.min(230, (WIDTH - 40) / peers.size());
        for (int i = 0; i < peers.size(); i++) {
            String name = peers.get(i);
            String id = "alertmanager/" + name;
            var status = state.peers().get(name);
            String caption = status.fresh() && status.value().isPresent()
                    ? "sees " + status.value().get().peers().size() + " of " + mesh.expected() : "not answering";
            double x = 20 + i * peerStep + Math.max(0, (peerStep - 160) / 2);
            double y = meshY + (i % 2 == 1 ? 70 : 0);
            nodes.add(new Node(id, name, caption, "alertmanager", diagnosis.verdict(id), x, y, 160, 54));
        }
        for (int i = 0; i < peers.size(); i++) {
            for (int j = i + 1; j < peers.size(); j++) {
                boolean both = mesh.answered()[i] && mesh.answered()[j];
                boolean sees = mesh.sees()[i][j] && mesh.sees()[j][i];
                edges.add(new Edge("alertmanager/" + peers.get(i), "alertmanager/" + peers.get(j),
                        !both ? Verdict.UNKNOWN : sees ? Verdict.OK : Verdict.FAIL, both && !sees || !both));
            }
        }
        // Each replica sends its alerts to every peer: a line to each, broken where the replica does not know the peer.
        // When the console reaches the peers at other addresses than the replicas (a proxy), only the count is known:
        // all lines whole when the replica sends to as many peers, else all unknown (which one it misses cannot be told).
        boolean byAddress = state.replicasUsePeerAddresses();
        for (String replica : replicas) {
            var details = state.details().replicas().get(replica);
            boolean discovered = details != null && details.fresh() && details.value().isPresent();
            java.util.Set<String> known = discovered ? details.value().get().alertmanagers().activeAddresses() : java.util.Set.of();
            for (String peer : peers) {
                String address = state.shape().peerAddresses().get(peer);
                Verdict verdict;
                if (!discovered || address == null) {
                    verdict = Verdict.OK;
                } else if (byAddress) {
                    verdict = known.contains(address) ? Verdict.OK : Verdict.FAIL;
                } else {
                    verdict = known.size() >= peers.size() ? Verdict.OK : Verdict.UNKNOWN;
                }
                edges.add(new Edge("prometheus/" + replica, "alertmanager/" + peer, verdict, verdict != Verdict.OK));
            }
        }
        return new Picture(nodes, edges);
    }

    private static String answering(boolean answering) {
        return answering ? "answering" : "not answering";
    }
}
