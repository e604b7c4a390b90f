package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDedupTest {

    private static Alert alert(String fingerprint, String name, AlertState state) {
        return new Alert(fingerprint, Map.of("alertname", name), Map.of(), state, List.of(), List.of(),
                Instant.EPOCH, null, null, "", List.of("r"));
    }

    @Test
    void mergesByFingerprintAndRemembersPeers() {
        List<DedupedAlert> merged = AlertDedup.merge(List.of(
                new PeerAlerts("am-0", List.of(alert("f1", "A", AlertState.ACTIVE), alert("f2", "B", AlertState.ACTIVE))),
                new PeerAlerts("am-1", List.of(alert("f2", "B", AlertState.ACTIVE), alert("f1", "A", AlertState.ACTIVE))),
                new PeerAlerts("am-2", List.of(alert("f1", "A", AlertState.SUPPRESSED), alert("f3", "C", AlertState.ACTIVE)))));

        assertThat(merged).extracting(d -> d.alert().fingerprint()).containsExactly("f1", "f2", "f3");
        assertThat(merged.get(0).peers()).containsExactly("am-0", "am-1", "am-2");
        assertThat(merged.get(0).statesAgree()).isFalse();
        assertThat(merged.get(1).peers()).containsExactly("am-0", "am-1");
        assertThat(merged.get(1).statesAgree()).isTrue();
        assertThat(merged.get(2).heldByAll(3)).isFalse();
    }

    @Test
    void noPeersGiveNoAlerts() {
        assertThat(AlertDedup.merge(List.of())).isEmpty();
    }
}
