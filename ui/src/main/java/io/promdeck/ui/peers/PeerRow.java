package io.promdeck.ui.peers;

/** One Alertmanager peer as the table shows it. */
public record PeerRow(String name, String freshness, String clusterState, String seen, boolean missingPeers, String version,
        String configHash, boolean hashDiffers, String silences, String error, String reloadResult, boolean reloadFailed) {
}
