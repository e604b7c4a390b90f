package io.promdeck.app.doctor;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.live.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Alertmanager peer answers and sees every expected peer in its gossip cluster. A SIGKILLed peer vanishes from
 * the others' lists without a word, so the count is compared with what the deployment asks for.
 */
final class PeerMeshComplete implements Check {

    static final String ID = "alertmanager.mesh";

    @Override
    public Optional<Finding> check(Facts facts) {
        Map<String, Snapshot<AlertmanagerStatus>> peers = facts.state().peers();
        int expected = Math.max(facts.state().expectedPeers(), peers.size());
        Map<String, AlertmanagerStatus> fresh = Facts.fresh(peers);
        FindingBuilder f = FindingBuilder.of(ID, "Alertmanager mesh complete");
        if (peers.isEmpty()) {
            return expected == 0 ? Optional.empty() : f.fail("No Alertmanager peer was found (the deployment asks for " + expected + ")",
                    "Check that the Alertmanager pods run and that discovery finds them.");
        }
        if (expected < 2) {
            peers.keySet().forEach(name -> f.subject(Facts.node("alertmanager", name)));
            return f.fail("Only one Alertmanager runs: when it restarts, alerts are not notified",
                    "Run 3 Alertmanagers in one gossip cluster (--cluster.peer to each other).");
        }
        List<String> incomplete = new ArrayList<>();
        fresh.forEach((name, status) -> {
            AlertmanagerStatus.PeerCount count = status.peerCount(expected);
            f.evidence(name, "sees " + count + " (" + status.clusterState().name().toLowerCase(java.util.Locale.ROOT) + ")");
            if (!count.complete()) {
                incomplete.add(name);
            }
        });
        List<Evidence> missing = Facts.missing(peers);
        f.evidence(missing);
        // The finding concerns the peers that do not answer or do not see everyone, not the healthy ones.
        missing.forEach(e -> f.subject(Facts.node("alertmanager", e.subject())));
        incomplete.forEach(name -> f.subject(Facts.node("alertmanager", name)));
        if (!incomplete.isEmpty() || !missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add(missing.size() + " peer" + (missing.size() == 1 ? " does" : "s do") + " not answer");
            }
            if (!incomplete.isEmpty()) {
                parts.add(String.join(", ", incomplete) + " " + (incomplete.size() == 1 ? "sees" : "see") + " fewer than " + expected + " peers");
            }
            return f.fail(String.join("; ", parts) + ": a silence or a notification may not reach every peer",
                    "Bring the missing peer back (restart it); check that the peers reach each other's gossip port (9094, TCP and UDP).");
        }
        return f.ok(Facts.all(expected) + " peers answer and see each other");
    }
}
