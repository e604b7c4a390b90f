package io.promdeck.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.Silence;
import io.promdeck.app.alertmanager.SilenceState;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.Listing;
import io.promdeck.app.live.ReplicaDetails;
import io.promdeck.app.live.ReplicaLabel;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.live.StackShape;
import io.promdeck.app.live.StackState;
import io.promdeck.app.metrics.MetricsText;
import io.promdeck.app.metrics.MetricsWindow;
import io.promdeck.app.prometheus.DiscoveredAlertmanagers;
import io.promdeck.app.thanos.StoreSet;
import io.promdeck.app.thanos.StoreStatus;
import io.promdeck.testing.StackStates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each check on made-up states, without any process: the fault it names turns it red, and only it. */
class DoctorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final List<AlertmanagerStatus.Peer> MESH = List.of(new AlertmanagerStatus.Peer("A", "10.0.0.1:9094"),
            new AlertmanagerStatus.Peer("B", "10.0.0.2:9094"), new AlertmanagerStatus.Peer("C", "10.0.0.3:9094"));
    private static final Map<String, String> ADDRESSES = Map.of("alertmanager-0", "10.0.1.1:9093", "alertmanager-1", "10.0.1.2:9093",
            "alertmanager-2", "10.0.1.3:9093");

    private static ReplicaStatus replica(String value) {
        return StackStates.replica(Map.of("cluster", "lab", "replica", value), "replica", NOW);
    }

    private static Silence silence(String id) {
        return new Silence(id, List.of(Matcher.equal("alertname", "X")), NOW.minusSeconds(600), NOW.plusSeconds(3600), NOW.minusSeconds(600),
                "alice", "c", SilenceState.ACTIVE);
    }

    /** A healthy HA stack: 2 replicas, 3 peers, one silence everywhere. */
    private static StackState healthy() {
        StackState state = StackState.empty(new StackShape(Map.of(Component.PROMETHEUS, 2, Component.ALERTMANAGER, 3), Optional.empty(), ADDRESSES));
        for (int i = 0; i < 2; i++) {
            String name = "prometheus-" + i;
            state = state.withReplica(Snapshot.of(name, NOW, replica(name)));
            state = state.withDetails(d -> d.withReplica(Snapshot.of(name, NOW, new ReplicaDetails(new DiscoveredAlertmanagers(
                    List.of("http://10.0.1.1:9093/api/v2/alerts", "http://10.0.1.2:9093/api/v2/alerts", "http://10.0.1.3:9093/api/v2/alerts"),
                    List.of()), List.of()))));
        }
        for (int i = 0; i < 3; i++) {
            String name = "alertmanager-" + i;
            state = state.withPeer(Snapshot.of(name, NOW, StackStates.peer(String.valueOf((char) ('A' + i)), MESH, "h1", NOW)));
            state = state.withSilences(Snapshot.of(name, NOW, Listing.of(List.of(silence("s1")))));
            state = state.withDetails(d -> d.withPeerMetrics(Snapshot.of(name, NOW, StackStates.metrics(
                    "alertmanager_notifications_failed_total{integration=\"webhook\"} 0\n", NOW))));
        }
        return state;
    }

    private static Diagnosis diagnose(StackState state) {
        return Doctor.diagnose(state, NOW);
    }

    private static List<String> red(Diagnosis d) {
        return d.findings().stream().filter(f -> f.verdict() == Verdict.FAIL).map(Finding::id).toList();
    }

    @Test
    void aHealthyStackIsAllGreen() {
        Diagnosis d = diagnose(healthy());

        assertThat(d.findings()).allSatisfy(f -> assertThat(f.verdict()).as(f.id() + ": " + f.summary() + " " + f.evidence()).isEqualTo(Verdict.OK));
        assertThat(d.findings()).extracting(Finding::id).contains(ReplicasAnswering.ID, ReplicaLabelDistinct.ID, ReplicaConfigsEqual.ID,
                ReplicaReloads.ID, AlertRelabelDropsReplica.ID, AlertmanagersDiscovered.ID, PeerMeshComplete.ID, SilencesEqual.ID)
                .doesNotContain(SidecarPerReplica.ID);
        assertThat(d.replicaLabel()).isEqualTo(new ReplicaLabel("replica", ReplicaLabel.Source.DETECTED));
        assertThat(d.exitCode()).isZero();
    }

    @Test
    void twoReplicasWithOneReplicaValueAreOneReplicaForThanos() {
        StackState state = healthy().withReplica(Snapshot.of("prometheus-1", NOW, replica("prometheus-0")));
        Diagnosis d = diagnose(state);

        assertThat(red(d)).containsExactly(ReplicaLabelDistinct.ID);
        assertThat(d.finding(ReplicaLabelDistinct.ID).orElseThrow().summary()).contains("the same external labels");
        assertThat(d.exitCode()).isEqualTo(2);
    }

    @Test
    void theInstalledLabelNameIsUsedAndTwoEqualValuesAreNamed() {
        StackState base = healthy();
        StackState state = StackState.empty(new StackShape(base.shape().expected(), Optional.of(ReplicaLabel.given("replica", ReplicaLabel.Source.INSTALLED)),
                ADDRESSES));
        state = state.withReplica(Snapshot.of("prometheus-0", NOW, replica("x"))).withReplica(Snapshot.of("prometheus-1", NOW, replica("x")));

        Finding f = diagnose(state).finding(ReplicaLabelDistinct.ID).orElseThrow();

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.summary()).isEqualTo("prometheus-0 and prometheus-1 share replica=\"x\": their data and alerts are taken for one replica's");
    }

    @Test
    void anOperatorStackDifferingInPrometheusReplicaIsNotFlaggedAsDifferentConfigs() {
        StackState state = StackState.empty(2, 0);
        for (int i = 0; i < 2; i++) {
            String name = "prometheus-k8s-" + i;
            state = state.withReplica(Snapshot.of(name, NOW, StackStates.replica(Map.of("prometheus", "monitoring/k8s", "prometheus_replica", name),
                    "prometheus_replica", NOW)));
        }
        Diagnosis d = diagnose(state);

        assertThat(d.replicaLabel().name()).isEqualTo("prometheus_replica");
        assertThat(d.finding(ReplicaConfigsEqual.ID).orElseThrow().verdict()).isEqualTo(Verdict.OK);
        assertThat(d.finding(AlertRelabelDropsReplica.ID).orElseThrow().verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aFailedReloadIsRed() {
        ReplicaStatus failed = replica("prometheus-1");
        failed = new ReplicaStatus(failed.version(), failed.startTime(), false, failed.lastConfigTime(), failed.config(), failed.targets(),
                failed.headSeries(), failed.metrics());
        assertThat(red(diagnose(healthy().withReplica(Snapshot.of("prometheus-1", NOW, failed))))).containsExactly(ReplicaReloads.ID);
    }

    @Test
    void aReplicaKeepingTheReplicaLabelOnAlertsIsRed() {
        ReplicaStatus keeps = StackStates.replica(Map.of("cluster", "lab", "replica", "prometheus-1"), null, NOW);
        Diagnosis d = diagnose(healthy().withReplica(Snapshot.of("prometheus-1", NOW, keeps)));

        assertThat(red(d)).containsExactlyInAnyOrder(AlertRelabelDropsReplica.ID, ReplicaConfigsEqual.ID);
        assertThat(d.finding(AlertRelabelDropsReplica.ID).orElseThrow().subjects()).containsExactly("prometheus/prometheus-1");
    }

    @Test
    void aReplicaSendingToTwoOfThreePeersIsRed() {
        StackState state = healthy().withDetails(d -> d.withReplica(Snapshot.of("prometheus-1", NOW, new ReplicaDetails(
                new DiscoveredAlertmanagers(List.of("http://10.0.1.1:9093/api/v2/alerts", "http://10.0.1.2:9093/api/v2/alerts"), List.of()), List.of()))));
        Finding f = diagnose(state).finding(AlertmanagersDiscovered.ID).orElseThrow();

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("prometheus-1").contains("missing alertmanager-2 (10.0.1.3:9093)"));
    }

    /** A profile through a proxy: the console's addresses of the peers are not the ones the replicas send to. */
    private static StackState throughProxies(List<String> sentTo) {
        StackState base = healthy();
        StackState state = StackState.empty(new StackShape(base.shape().expected(), Optional.empty(), Map.of("alertmanager-0", "127.0.0.1:41001",
                "alertmanager-1", "127.0.0.1:41002", "alertmanager-2", "127.0.0.1:41003")));
        state = new StackState(base.replicas(), base.peers(), base.alerts(), base.silences(), base.stores(), base.details(), state.shape());
        for (String name : List.of("prometheus-0", "prometheus-1")) {
            state = state.withDetails(d -> d.withReplica(Snapshot.of(name, NOW, new ReplicaDetails(new DiscoveredAlertmanagers(
                    sentTo.stream().map(a -> "http://" + a + "/api/v2/alerts").toList(), List.of()), List.of()))));
        }
        return state;
    }

    @Test
    void peersReachedThroughOtherAddressesAreCountedNotReportedMissing() {
        Finding all = diagnose(throughProxies(List.of("10.0.1.1:9093", "10.0.1.2:9093", "10.0.1.3:9093"))).finding(AlertmanagersDiscovered.ID).orElseThrow();
        assertThat(all.verdict()).as(all.toString()).isEqualTo(Verdict.OK);
        assertThat(all.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("counted, not matched by address"));

        Finding two = diagnose(throughProxies(List.of("10.0.1.1:9093", "10.0.1.2:9093"))).finding(AlertmanagersDiscovered.ID).orElseThrow();
        assertThat(two.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(two.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("missing 1 of 3 peers"));
    }

    @Test
    void aVanishedPeerIsRedAndItsSilencesUnknownNotGreen() {
        StackState state = healthy();
        for (int i = 0; i < 2; i++) {
            state = state.withPeer(Snapshot.of("alertmanager-" + i, NOW, StackStates.peer(String.valueOf((char) ('A' + i)), MESH.subList(0, 2), "h1", NOW)));
        }
        Snapshot<AlertmanagerStatus> gone = state.peers().get("alertmanager-2").next(NOW, CallResult.failed(
                new CallError.Unreachable("alertmanager-2", "connection refused"), Duration.ZERO));
        state = state.withPeer(gone).withSilences(state.silences().get("alertmanager-2").next(NOW, CallResult.failed(
                new CallError.Unreachable("alertmanager-2", "connection refused"), Duration.ZERO)));

        Diagnosis d = diagnose(state);

        assertThat(red(d)).containsExactly(PeerMeshComplete.ID);
        assertThat(d.finding(SilencesEqual.ID).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aSilenceOnOnePeerOnlyIsRedOnceGossipHadTimeToCarryIt() {
        StackState state = healthy().withSilences(Snapshot.of("alertmanager-0", NOW, Listing.of(List.of(silence("s1"), silence("s2")))));
        Finding f = diagnose(state).finding(SilencesEqual.ID).orElseThrow();
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.subjects()).containsExactly("alertmanager/alertmanager-1", "alertmanager/alertmanager-2");

        Silence fresh = new Silence("s3", List.of(Matcher.equal("a", "b")), NOW, NOW.plusSeconds(60), NOW.minusSeconds(1), "a", "c", SilenceState.ACTIVE);
        StackState travelling = healthy().withSilences(Snapshot.of("alertmanager-0", NOW, Listing.of(List.of(silence("s1"), fresh))));
        assertThat(diagnose(travelling).finding(SilencesEqual.ID).orElseThrow().verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void notificationsFailingNowAreRedAndOnceFailedIsAWarning() {
        MetricsWindow before = StackStates.metrics("alertmanager_notifications_failed_total{integration=\"webhook\"} 2\n", NOW.minusSeconds(15));
        MetricsWindow failingNow = before.next(MetricsText.parse("process_start_time_seconds 1700000000\n"
                + "alertmanager_notifications_failed_total{integration=\"webhook\"} 5\n"), NOW);
        Diagnosis d = diagnose(healthy().withDetails(x -> x.withPeerMetrics(Snapshot.of("alertmanager-1", NOW, failingNow))));
        assertThat(red(d)).containsExactly(PeerNotifications.ID);
        assertThat(d.finding(PeerNotifications.ID).orElseThrow().evidence()).anySatisfy(e -> assertThat(e.text())
                .isEqualTo("3 in the last 15 s failed webhook notifications"));

        Diagnosis once = diagnose(healthy().withDetails(x -> x.withPeerMetrics(Snapshot.of("alertmanager-1", NOW, before))));
        assertThat(once.finding(PeerNotifications.ID).orElseThrow().verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void differentAlertmanagerConfigsAreRed() {
        StackState state = healthy().withPeer(Snapshot.of("alertmanager-2", NOW, StackStates.peer("C", MESH, "h2", NOW)));
        assertThat(red(diagnose(state))).containsExactly(PeerConfigsEqual.ID);
    }

    private static StoreStatus store(String type, String name, Map<String, String> labels, long min, long max) {
        return new StoreStatus(type, name, NOW, Optional.empty(), List.of(labels), min, max);
    }

    private static StackState withThanos(StoreSet stores, String replicaLabels) {
        return healthy().withStores(Snapshot.of("thanos-query-0", NOW, stores))
                .withDetails(d -> d.withQueryFlags(Snapshot.of("thanos-query-0", NOW, Map.of("query.replica-label", replicaLabels))))
                .withDetails(d -> d.withComponent(Component.THANOS_COMPACTOR, Snapshot.of("thanos-compactor-0", NOW,
                        StackStates.metrics("thanos_compact_halted 0\n", NOW))));
    }

    private static StoreSet stores(Map<String, String>... sidecarLabels) {
        long hourAgo = NOW.minusSeconds(3600).toEpochMilli();
        List<StoreStatus> sidecars = new java.util.ArrayList<>();
        for (int i = 0; i < sidecarLabels.length; i++) {
            sidecars.add(store("sidecar", "prometheus-" + i + ":10901", sidecarLabels[i], hourAgo, Long.MAX_VALUE));
        }
        return new StoreSet(Map.of("sidecar", sidecars, "store", List.of(store("store", "thanos-store-0:10901", Map.of("cluster", "lab"),
                NOW.minusSeconds(86400 * 10).toEpochMilli(), hourAgo + 60_000))));
    }

    @Test
    void thanosWithASidecarPerReplicaAndTheRightDedupLabelIsGreen() {
        Diagnosis d = diagnose(withThanos(stores(Map.of("cluster", "lab", "replica", "prometheus-0"), Map.of("cluster", "lab", "replica", "prometheus-1")),
                "[replica rule_replica]"));
        assertThat(d.findings()).filteredOn(f -> f.id().startsWith("thanos.") && !f.id().equals(SidecarUploads.ID))
                .allSatisfy(f -> assertThat(f.verdict()).as(f.id() + " " + f.summary()).isEqualTo(Verdict.OK));
        assertThat(d.finding(SidecarUploads.ID).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aMissingSidecarADuplicateLabelSetAndTheWrongDedupLabelAreEachRed() {
        Diagnosis missing = diagnose(withThanos(stores(Map.of("cluster", "lab", "replica", "prometheus-0")), "replica"));
        assertThat(red(missing)).containsExactly(SidecarPerReplica.ID);
        assertThat(missing.finding(SidecarPerReplica.ID).orElseThrow().subjects()).containsExactly("sidecar/prometheus-1");

        Map<String, String> same = Map.of("cluster", "lab", "replica", "prometheus-0");
        Diagnosis duplicate = diagnose(withThanos(stores(same, same), "replica"));
        assertThat(red(duplicate)).contains(DuplicateLabelSets.ID);

        Diagnosis wrongLabel = diagnose(withThanos(stores(Map.of("cluster", "lab", "replica", "prometheus-0"),
                Map.of("cluster", "lab", "replica", "prometheus-1")), "prometheus_replica"));
        assertThat(red(wrongLabel)).containsExactly(QueryReplicaLabel.ID);
    }

    @Test
    void aHaltedOrDoubledCompactorIsRed() {
        StackState halted = withThanos(stores(Map.of("cluster", "lab", "replica", "prometheus-0"), Map.of("cluster", "lab", "replica", "prometheus-1")), "replica")
                .withDetails(d -> d.withComponent(Component.THANOS_COMPACTOR, Snapshot.of("thanos-compactor-0", NOW,
                        StackStates.metrics("thanos_compact_halted 1\n", NOW))));
        assertThat(red(diagnose(halted))).containsExactly(CompactorHealthy.ID);
    }

    @Test
    void aStackWithoutThanosHasNoThanosFindings() {
        assertThat(diagnose(healthy()).findings()).noneMatch(f -> f.id().startsWith("thanos."));
    }

    @Test
    void oneReplicaAnsweringIsRedAndUnansweredDataIsUnknownNotOk() {
        StackState state = healthy().withReplica(healthy().replicas().get("prometheus-1").next(NOW,
                CallResult.failed(new CallError.Timeout("prometheus-1", Duration.ofSeconds(10)), Duration.ofSeconds(10))));
        Diagnosis d = diagnose(state);

        assertThat(red(d)).containsExactly(ReplicasAnswering.ID);
        assertThat(d.finding(ReplicaConfigsEqual.ID).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.finding(ReplicaLabelDistinct.ID).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
