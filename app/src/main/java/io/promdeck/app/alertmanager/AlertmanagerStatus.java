package io.promdeck.app.alertmanager;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v2/status} of one peer. A peer killed with SIGKILL silently disappears from the others'
 * {@code peers} while their state stays {@code ready}: compare {@link #peerCount(int)} with the expected size.
 */
public record AlertmanagerStatus(
        String clusterName,
        ClusterState clusterState,
        List<Peer> peers,
        String version,
        String goVersion,
        String configOriginal,
        String configHash,
        Instant uptime) {

    public AlertmanagerStatus {
        peers = List.copyOf(peers);
    }

    /** A gossip member: its (per-process, not stable across restarts) name and its gossip address. */
    public record Peer(String name, String address) {
    }

    /** The matcher syntax this peer accepts. */
    public AlertmanagerDialect dialect() {
        return new AlertmanagerDialect(version, goVersion);
    }

    public PeerCount peerCount(int expected) {
        return new PeerCount(peers.size(), expected);
    }

    /** Peers this member sees (itself included) against the number the deployment expects. */
    public record PeerCount(int seen, int expected) {
        public boolean complete() {
            return seen >= expected;
        }

        @Override
        public String toString() {
            return seen + " of " + expected + " expected peers";
        }
    }
}
