package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One copy of each alert and of each short label value, however many peers and refreshes hold them. */
class AlertSharingTest {

    private static final String REPLY = """
            [{"fingerprint":"a1","labels":{"alertname":"Down","severity":"critical","job":"node"},"annotations":{},
              "status":{"state":"active","silencedBy":[],"inhibitedBy":[]},"receivers":[{"name":"oncall"}],
              "startsAt":"2026-12-05T08:00:00Z","updatedAt":"2026-12-05T08:00:00Z","endsAt":"2026-12-05T09:00:00Z"},
             {"fingerprint":"b2","labels":{"alertname":"Down","severity":"critical","job":"api"},"annotations":{},
              "status":{"state":"suppressed","silencedBy":["s1"],"inhibitedBy":[]},"receivers":[{"name":"oncall"}],
              "startsAt":"2026-12-05T08:00:00Z","updatedAt":"2026-12-05T08:00:00Z","endsAt":"2026-12-05T09:00:00Z"}]
            """;

    private static List<Alert> parse(String json) throws Exception {
        return AlertStreamReader.read(json.getBytes(StandardCharsets.UTF_8)).items();
    }

    @Test
    void equalAlertsFromAnotherPeerAreTheInstancesAlreadyHeldAndAChangedOneIsNot() throws Exception {
        List<Alert> peer0 = parse(REPLY);
        List<Alert> peer1 = parse(REPLY.replace("\"state\":\"suppressed\",\"silencedBy\":[\"s1\"]", "\"state\":\"active\",\"silencedBy\":[]"));
        Map<String, Alert> known = AlertSharing.index(List.of(peer0));

        List<Alert> shared = AlertSharing.share(peer1, known);

        assertThat(shared).hasSize(2);
        assertThat(shared.get(0)).isSameAs(peer0.get(0));
        // Not silenced on this peer (yet): its own state, never the other peer's — but the same labels and annotations.
        assertThat(shared.get(1)).isNotSameAs(peer0.get(1)).isEqualTo(peer1.get(1));
        assertThat(shared.get(1).state()).isEqualTo(AlertState.ACTIVE);
        assertThat(shared.get(1).silencedBy()).isEmpty();
        assertThat(shared.get(1).labels()).isSameAs(peer0.get(1).labels());
        assertThat(shared.get(1).receivers()).isSameAs(peer0.get(1).receivers());
        assertThat(AlertSharing.share(peer1, Map.of())).isSameAs(peer1);
    }

    @Test
    void shortValuesRepeatedInAReplyAreOneString() throws Exception {
        List<Alert> alerts = parse(REPLY);

        assertThat(alerts.get(0).labels().get("severity")).isSameAs(alerts.get(1).labels().get("severity"));
        assertThat(alerts.get(0).receivers().get(0)).isSameAs(alerts.get(1).receivers().get(0));
        assertThat(alerts.get(0).labels().get("job")).isEqualTo("node");
    }

    @Test
    void alertsHeldByTheSamePeersShareOneListOfThem() throws Exception {
        List<Alert> alerts = parse(REPLY);
        List<DedupedAlert> merged = AlertDedup.merge(List.of(new PeerAlerts("am-0", alerts), new PeerAlerts("am-1", alerts)));

        assertThat(merged.get(0).peers()).containsExactly("am-0", "am-1").isSameAs(merged.get(1).peers());
    }
}
