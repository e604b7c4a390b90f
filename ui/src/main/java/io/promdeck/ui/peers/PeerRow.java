package io.promdeck.ui.peers;

import io.promdeck.app.http.CallFailure;
import java.util.Optional;

/**
 * One Alertmanager peer as the table shows it.
 *
 * @param old     the values are from an earlier refresh (shown muted, with their age in {@code freshness})
 * @param failure the latest refresh's failure, for the details view
 */
public record PeerRow(String name, String freshness, String clusterState, String seen, boolean missingPeers, String version,
        String configHash, boolean hashDiffers, String silences, String error, String reloadResult, boolean reloadFailed,
        boolean old, Optional<CallFailure> failure) {
}
