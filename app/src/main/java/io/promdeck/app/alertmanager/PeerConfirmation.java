package io.promdeck.app.alertmanager;

import java.util.List;
import java.util.Map;

/** Which peers show a change (a new silence, an expiry) after it was made on one of them. */
public record PeerConfirmation(Map<String, Boolean> confirmedByPeer) {

    public PeerConfirmation {
        confirmedByPeer = Map.copyOf(confirmedByPeer);
    }

    public int confirmed() {
        return (int) confirmedByPeer.values().stream().filter(Boolean::booleanValue).count();
    }

    public int expected() {
        return confirmedByPeer.size();
    }

    public boolean complete() {
        return confirmed() == expected();
    }

    public List<String> missing() {
        return confirmedByPeer.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
    }

    /** "confirmed on 3/3 peers" or "confirmed on 2/3 peers; missing on am-2". */
    @Override
    public String toString() {
        String base = "confirmed on " + confirmed() + "/" + expected() + " peers";
        return complete() ? base : base + "; missing on " + String.join(", ", missing());
    }
}
