package io.promdeck.ui.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The who-sees-whom matrix, without the FX toolkit. */
class PeerMeshTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Snapshot<AlertmanagerStatus> peer(String endpoint, String self, List<AlertmanagerStatus.Peer> peers) {
        return Snapshot.of(endpoint, NOW, new AlertmanagerStatus(self, ClusterState.READY, peers, "0.25.0", "go1.19.8", "", "h", NOW));
    }

    @Test
    void aVanishedPeerIsFlaggedAgainstTheExpectedCount() {
        var a = new AlertmanagerStatus.Peer("A", "10.0.0.1:9094");
        var b = new AlertmanagerStatus.Peer("B", "10.0.0.2:9094");
        StackState state = StackState.empty(2, 3)
                .withPeer(peer("am-0", "A", List.of(a, b)))
                .withPeer(peer("am-1", "B", List.of(a, b)))
                .withPeer(Snapshot.<AlertmanagerStatus>pending("am-2", NOW).next(NOW,
                        CallResult.failed(new CallError.Unreachable("am-2", "connection refused"), Duration.ZERO)));

        PeerMesh mesh = PeerMesh.of(state);

        assertThat(mesh.peers()).containsExactly("am-0", "am-1", "am-2");
        assertThat(mesh.sees()[0]).containsExactly(true, true, false);
        assertThat(mesh.answered()).containsExactly(true, true, false);
        assertThat(mesh.problems()).containsExactly("am-0 sees 2 of 3 expected peers", "am-1 sees 2 of 3 expected peers", "am-2 does not answer");
    }
}
