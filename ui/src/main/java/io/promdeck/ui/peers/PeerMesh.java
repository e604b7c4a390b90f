package io.promdeck.ui.peers;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sees whom in the gossip cluster. Each peer's own gossip address is the entry of its peer list named like its
 * {@code cluster.name}; a peer killed with SIGKILL silently vanishes from the others' lists, so the expected count
 * comes from the StatefulSet (or the profile), not from the peers.
 */
public record PeerMesh(List<String> peers, Map<String, String> addresses, boolean[][] sees, boolean[] answered, int expected,
        List<String> problems) {

    public static PeerMesh of(StackState state) {
        List<String> names = new ArrayList<>(state.peers().keySet());
        names.sort(null);
        Map<String, String> addresses = new LinkedHashMap<>();
        Map<String, AlertmanagerStatus> statuses = new LinkedHashMap<>();
        for (Snapshot<AlertmanagerStatus> snapshot : state.peers().values()) {
            // Who sees whom is judged from fresh answers only: a stale peer list says nothing about now.
            Optional<AlertmanagerStatus> status = snapshot.fresh() ? snapshot.value() : Optional.empty();
            status.ifPresent(s -> {
                statuses.put(snapshot.endpoint(), s);
                s.peers().stream().filter(p -> p.name().equals(s.clusterName())).findFirst()
                        .ifPresent(self -> addresses.put(snapshot.endpoint(), self.address()));
            });
        }
        boolean[][] sees = new boolean[names.size()][names.size()];
        boolean[] answered = new boolean[names.size()];
        List<String> problems = new ArrayList<>();
        int expected = Math.max(state.expectedPeers(), names.size());
        for (int i = 0; i < names.size(); i++) {
            AlertmanagerStatus status = statuses.get(names.get(i));
            if (status == null) {
                problems.add(names.get(i) + " does not answer");
                continue;
            }
            answered[i] = true;
            for (int j = 0; j < names.size(); j++) {
                String address = addresses.get(names.get(j));
                sees[i][j] = address != null && status.peers().stream().anyMatch(p -> p.address().equals(address));
            }
            AlertmanagerStatus.PeerCount count = status.peerCount(expected);
            if (!count.complete()) {
                problems.add(names.get(i) + " sees " + count);
            }
        }
        if (names.size() < state.expectedPeers()) {
            problems.add("only " + names.size() + " of " + state.expectedPeers() + " expected peers exist");
        }
        return new PeerMesh(names, addresses, sees, answered, expected, problems);
    }
}
