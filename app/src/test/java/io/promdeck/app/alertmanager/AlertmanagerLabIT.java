package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.Origin;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Alertmanager client, dedup and silences against a real 3-peer gossip cluster fed by 2 real Prometheus replicas. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final Duration ALERT_ARRIVAL = Duration.ofSeconds(30);

    private List<Peer> peers() {
        return LAB.lab().alertmanagers().stream().map(p -> new Peer(p.name(), p.client())).toList();
    }

    private List<PeerAlerts> alertsOfEveryPeer() {
        return LAB.lab().alertmanagers().stream()
                .map(p -> new PeerAlerts(p.name(), p.client().alerts().orElseThrow().items()))
                .toList();
    }

    private DedupedAlert awaitFiringAlertOnAllPeers() {
        return Await.value(ALERT_ARRIVAL, "the always-firing alert on all 3 peers", () -> AlertDedup.merge(alertsOfEveryPeer()).stream()
                .filter(a -> a.alert().name().equals(LabConfigs.ALWAYS_FIRING) && a.peers().size() == 3)
                .findFirst().orElse(null));
    }

    @Test
    @Order(1)
    void statusShowsAReadyClusterOfThree() {
        AlertmanagerStatus status = LAB.lab().alertmanager(0).client().status().orElseThrow();

        assertThat(status.clusterState()).isEqualTo(ClusterState.READY);
        assertThat(status.peers()).hasSize(3);
        assertThat(status.peerCount(3)).hasToString("3 of 3 expected peers");
        assertThat(status.version()).startsWith("0.");
        assertThat(status.configOriginal()).contains("lab-receiver");
        assertThat(status.configHash()).isEqualTo(LAB.lab().alertmanager(2).client().status().orElseThrow().configHash());
    }

    @Test
    @Order(2)
    void firingAlertFromBothReplicasIsOneAlertAfterDedup() {
        DedupedAlert alert = awaitFiringAlertOnAllPeers();

        List<DedupedAlert> merged = AlertDedup.merge(alertsOfEveryPeer());
        assertThat(merged).filteredOn(a -> a.alert().name().equals(LabConfigs.ALWAYS_FIRING)).hasSize(1);
        assertThat(alert.alert().labels()).doesNotContainKey("replica").containsEntry("severity", "warning");
        assertThat(alert.peers()).containsExactly("alertmanager-0", "alertmanager-1", "alertmanager-2");
        assertThat(alert.alert().generatorUrl()).startsWith("http://");
        assertThat(LAB.lab().alertmanager(1).client().alertGroups().orElseThrow())
                .anySatisfy(group -> assertThat(group.labels()).containsEntry("alertname", LabConfigs.ALWAYS_FIRING));
    }

    @Test
    @Order(3)
    void silenceCreatedOnOnePeerIsSeenOnAllAndExpiresOnAll() throws InterruptedException {
        awaitFiringAlertOnAllPeers();
        SilenceService service = new SilenceService(peers(), Clock.systemUTC());
        SilenceDraft draft = SilenceDraft.starting(Instant.now(), Duration.ofMinutes(30),
                Matchers.parse("alertname=\"" + LabConfigs.ALWAYS_FIRING + "\""), "lab-test", "silence gossip test");

        SilenceOutcome created = service.save(draft, SilenceService.DEFAULT_CONFIRM_WITHIN);

        assertThat(created).isInstanceOf(SilenceOutcome.Done.class);
        SilenceOutcome.Done done = (SilenceOutcome.Done) created;
        assertThat(done.confirmation().complete()).as(done.summary()).isTrue();
        assertThat(done.confirmation()).hasToString("confirmed on 3/3 peers");
        Await.until(ALERT_ARRIVAL, "the alert suppressed on every peer", () -> alertsOfEveryPeer().stream().allMatch(peer ->
                peer.alerts().stream().filter(a -> a.name().equals(LabConfigs.ALWAYS_FIRING))
                        .allMatch(a -> a.state() == AlertState.SUPPRESSED && a.silencedBy().contains(done.silenceId()))));

        SilenceOutcome expired = service.expire(done.silenceId(), SilenceService.DEFAULT_CONFIRM_WITHIN);

        assertThat(((SilenceOutcome.Done) expired).confirmation()).hasToString("confirmed on 3/3 peers");
        for (AlertmanagerPeer peer : LAB.lab().alertmanagers()) {
            assertThat(peer.client().silence(done.silenceId()).orElseThrow().state()).as(peer.name()).isEqualTo(SilenceState.EXPIRED);
        }
    }

    @Test
    @Order(4)
    void updatingASilencePostsWithItsIdAndKeepsItsId() throws InterruptedException {
        SilenceService service = new SilenceService(peers(), Clock.systemUTC());
        SilenceDraft draft = SilenceDraft.starting(Instant.now(), Duration.ofMinutes(10),
                Matchers.parse("{alertname=\"Nothing\"}"), "lab-test", "before");
        String id = ((SilenceOutcome.Done) service.save(draft, SilenceService.DEFAULT_CONFIRM_WITHIN)).silenceId();
        try {
            Silence stored = LAB.lab().alertmanager(2).client().silence(id).orElseThrow();
            SilenceDraft longer = new SilenceDraft(id, stored.matchers(), stored.startsAt(), stored.endsAt().plus(Duration.ofMinutes(20)),
                    stored.createdBy(), "after");

            SilenceOutcome.Done updated = (SilenceOutcome.Done) service.save(longer, SilenceService.DEFAULT_CONFIRM_WITHIN);

            assertThat(updated.silenceId()).isEqualTo(id);
            assertThat(updated.confirmation().complete()).isTrue();
            assertThat(LAB.lab().alertmanager(1).client().silence(id).orElseThrow().comment()).isEqualTo("after");
        } finally {
            service.expire(id, Duration.ZERO);
        }
    }

    @Test
    @Order(5)
    void badSilencesAreRefusedBeforeSendingAndByAlertmanagerWhenSentRaw() throws InterruptedException {
        SilenceService service = new SilenceService(peers(), Clock.systemUTC());
        Instant now = Instant.now();
        List<Matcher> matchers = Matchers.parse("alertname=\"X\"");
        int before = LAB.lab().alertmanager(0).client().silences().orElseThrow().items().size();

        SilenceOutcome endBeforeStart = service.save(new SilenceDraft(null, matchers, now, now.minusSeconds(60), "t", "c"), Duration.ZERO);
        SilenceOutcome noMatchers = service.save(SilenceDraft.starting(now, Duration.ofHours(1), List.of(), "t", "c"), Duration.ZERO);

        assertThat(endBeforeStart).isInstanceOfSatisfying(SilenceOutcome.Refused.class,
                r -> assertThat(r.summary()).contains("end time must be after the start time"));
        assertThat(noMatchers).isInstanceOfSatisfying(SilenceOutcome.Refused.class,
                r -> assertThat(r.summary()).contains("at least one matcher"));
        assertThatThrownBy(() -> Matchers.parse("job=~\"(?=lookahead)\"")).isInstanceOf(MatcherSyntaxException.class)
                .hasMessageContaining("invalid regular expression");
        assertThat(LAB.lab().alertmanager(0).client().silences().orElseThrow().items()).hasSize(before);

        AlertmanagerClient raw = LAB.lab().alertmanager(0).client();
        CallError endBeforeStartRaw = raw.postSilence(new SilenceDraft(null, matchers, now, now.minusSeconds(60), "t", "c"))
                .failure().orElseThrow();
        CallError noMatchersRaw = raw.postSilence(SilenceDraft.starting(now, Duration.ofHours(1), List.of(), "t", "c"))
                .failure().orElseThrow();
        CallError badRegexRaw = postRawJson("""
                {"matchers":[{"name":"job","value":"(?=lookahead)","isRegex":true,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"t","comment":"c"}""".formatted(now, now.plusSeconds(3600)))
                .failure().orElseThrow();

        assertThat(endBeforeStartRaw).isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.origin()).isEqualTo(Origin.COMPONENT);
            assertThat(e.message()).contains("start time must be before end time");
        });
        assertThat(noMatchersRaw).isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.message()).contains("matchers");
        });
        assertThat(badRegexRaw).isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.message()).contains("invalid");
        });
    }

    private CallResult<String> postRawJson(String json) {
        ComponentApi api = new ComponentApi(new DirectTransport(LAB.lab().http(), LAB.lab().alertmanager(0).url()));
        return api.callForText(TransportRequest.postJson("/api/v2/silences", json));
    }

    @Test
    @Order(6)
    void reloadWithAnUndefinedReceiverReportsAlertmanagersMessage() {
        AlertmanagerPeer peer = LAB.lab().alertmanager(1);
        String before = peer.client().status().orElseThrow().configHash();
        try {
            peer.writeConfig(peer.originalConfig().replace("  receiver: lab-receiver", "  receiver: nobody-home"));

            ReloadResult result = peer.client().reload();

            assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
            assertThat(result.message()).contains("undefined receiver").contains("nobody-home");
            assertThat(peer.client().status().orElseThrow().configHash()).isEqualTo(before);
        } finally {
            peer.restoreConfig();
            assertThat(peer.client().reload().succeeded()).isTrue();
        }
    }

    @Test
    @Order(7)
    void aSigkilledPeerIsMissingFromTheSurvivorsStatus() {
        AlertmanagerPeer victim = LAB.lab().alertmanager(2);
        try {
            victim.kill();

            AlertmanagerStatus survivor = Await.value(Duration.ofSeconds(30), "the survivors to drop the killed peer", () -> {
                AlertmanagerStatus status = LAB.lab().alertmanager(0).client().status().orElseThrow();
                return status.peers().size() == 2 ? status : null;
            });

            assertThat(survivor.clusterState()).isEqualTo(ClusterState.READY);
            assertThat(survivor.peerCount(3)).hasToString("2 of 3 expected peers");
            assertThat(survivor.peerCount(3).complete()).isFalse();
            assertThat(survivor.peers()).extracting(AlertmanagerStatus.Peer::address)
                    .doesNotContain("127.0.0.1:" + victim.clusterPort());
            CallResult<AlertmanagerStatus> dead = victim.client().status();
            assertThat(dead.failure()).get().isInstanceOf(CallError.Unreachable.class);
        } finally {
            LAB.lab().heal();
        }
        assertThat(LAB.lab().alertmanager(0).client().status().orElseThrow().peers()).hasSize(3);
    }
}
