package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaDetails;
import io.promdeck.app.live.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each replica sends its alerts to every Alertmanager peer (its {@code /api/v1/alertmanagers}): one that knows only
 * some peers loses its alerts when those die, and the mesh cannot make up for it.
 */
final class AlertmanagersDiscovered implements Check {

    static final String ID = "prometheus.alertmanagers";
    /** After a reload Prometheus rebuilds its Alertmanager discovery: a short list this soon is not yet a finding. */
    static final java.time.Duration SETTLING = java.time.Duration.ofSeconds(15);

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, Snapshot<ReplicaDetails>> details = facts.state().details().replicas();
        Map<String, ReplicaDetails> fresh = Facts.fresh(details);
        int peers = Math.max(facts.state().expectedPeers(), facts.state().peers().size());
        Map<String, String> addresses = facts.state().shape().peerAddresses();
        FindingBuilder f = FindingBuilder.of(ID, "Every replica reaches every Alertmanager");
        if (peers == 0) {
            return Optional.empty();
        }
        if (fresh.isEmpty()) {
            return f.evidence(Facts.missing(details)).unknown("No replica said which Alertmanagers it sends to", "Bring the replicas back.");
        }
        // The console may reach the peers at other addresses than the replicas do (a profile through a proxy or an
        // ingress, a port-forward): when no replica sends to any address the console knows, names cannot be matched,
        // and a peer is not "missing" for that; then only the count of peers each replica sends to is compared.
        boolean sameAddressSpace = facts.state().replicasUsePeerAddresses();
        boolean compareAddresses = addresses.size() >= peers && sameAddressSpace;
        if (addresses.size() >= peers && !sameAddressSpace) {
            f.evidence("addresses", "the console reaches the peers at " + new java.util.TreeSet<>(addresses.values())
                    + ", which no replica sends to: the peers are counted, not matched by address");
        }
        List<String> short_ = new ArrayList<>();
        List<String> justReloaded = new ArrayList<>();
        for (Map.Entry<String, ReplicaDetails> replica : fresh.entrySet()) {
            Set<String> active = replica.getValue().alertmanagers().activeAddresses();
            List<String> missing = new ArrayList<>();
            if (compareAddresses) {
                addresses.forEach((peer, address) -> {
                    if (!active.contains(address)) {
                        missing.add(peer + " (" + address + ")");
                    }
                });
            } else if (active.size() < peers) {
                missing.add((peers - active.size()) + " of " + peers + " peers");
            }
            f.evidence(replica.getKey(), "sends to " + active.size() + " Alertmanager" + (active.size() == 1 ? "" : "s") + " " + active
                    + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing)));
            if (!missing.isEmpty()) {
                var status = facts.state().replicas().get(replica.getKey());
                boolean reloading = status != null && status.value().map(s -> s.lastConfigTime() != null
                        && s.lastConfigTime().isAfter(facts.now().minus(SETTLING))).orElse(false);
                (reloading ? justReloaded : short_).add(replica.getKey());
                f.subject(Facts.node("prometheus", replica.getKey()));
            }
        }
        f.evidence(Facts.missing(details));
        if (!short_.isEmpty()) {
            return f.fail(String.join(", ", short_) + " " + (short_.size() == 1 ? "does" : "do") + " not send alerts to every Alertmanager peer",
                    "List every peer in alerting.alertmanagers (or a discovery that finds them all: the headless Service) and reload.");
        }
        if (!justReloaded.isEmpty()) {
            return f.unknown(String.join(", ", justReloaded) + " reloaded in the last " + SETTLING.toSeconds()
                    + " s and is still discovering its Alertmanagers", "Look again in a few seconds.");
        }
        if (fresh.size() < details.size()) {
            return f.unknown("The answering replicas reach every peer; the others are unknown", "Bring the replicas back.");
        }
        return f.ok("Every replica sends its alerts to all " + peers + " peers");
    }

    static String hostPort(String url) {
        return io.promdeck.app.prometheus.DiscoveredAlertmanagers.hostPort(url);
    }
}
