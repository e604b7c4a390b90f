package io.promdeck.app.alertmanager;

import java.util.List;

/**
 * One alert after merging the peers' lists by fingerprint.
 *
 * @param alert       the copy from the first peer (in the order given) that holds it
 * @param peers       the peers that hold it, in the order given
 * @param statesAgree false when peers disagree about active/suppressed (e.g. a silence not yet gossiped)
 */
public record DedupedAlert(Alert alert, List<String> peers, boolean statesAgree) {

    public DedupedAlert {
        peers = List.copyOf(peers);
    }

    public boolean heldByAll(int peerCount) {
        return peers.size() >= peerCount;
    }
}
