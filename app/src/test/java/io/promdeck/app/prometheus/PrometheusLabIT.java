package io.promdeck.app.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.http.ReloadResult;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.PrometheusReplica;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Prometheus client against two real Prometheus replicas of the lab. */
class PrometheusLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private PrometheusClient replica(int index) {
        return LAB.lab().prometheus(index).client();
    }

    @Test
    void reloadSucceedsOnEveryReplica() {
        for (PrometheusReplica replica : LAB.lab().prometheus()) {
            Instant before = replica.client().runtimeInfo().orElseThrow().lastConfigTime();

            ReloadResult result = replica.client().reload();

            assertThat(result.outcome()).as(replica.name()).isEqualTo(ReloadResult.Outcome.RELOADED);
            RuntimeInfo after = replica.client().runtimeInfo().orElseThrow();
            assertThat(after.reloadConfigSuccess()).isTrue();
            assertThat(after.lastConfigTime()).isAfterOrEqualTo(before);
        }
    }

    @Test
    void reloadOfBrokenConfigReportsPrometheusMessageAndKeepsOldConfig() {
        PrometheusReplica replica = LAB.lab().prometheus(1);
        LoadedConfig before = replica.client().config().orElseThrow();
        Instant lastConfigTime = replica.client().runtimeInfo().orElseThrow().lastConfigTime();
        try {
            replica.writeConfig(replica.originalConfig().replace("scrape_interval: 2s", "scrape_interval: [2s"));

            ReloadResult result = replica.client().reload();

            assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
            assertThat(result.message()).contains("couldn't load configuration").contains("yaml");
            RuntimeInfo runtime = replica.client().runtimeInfo().orElseThrow();
            assertThat(runtime.reloadConfigSuccess()).isFalse();
            assertThat(runtime.lastConfigTime()).isEqualTo(lastConfigTime);
            assertThat(replica.client().config().orElseThrow().hash()).isEqualTo(before.hash());
        } finally {
            replica.restoreConfig();
            assertThat(replica.client().reload().succeeded()).isTrue();
        }
    }

    @Test
    void configHashIgnoresTheReplicaLabelOnly() {
        LoadedConfig first = replica(0).config().orElseThrow();
        LoadedConfig second = replica(1).config().orElseThrow();

        assertThat(first.yaml()).contains("replica: prometheus-0");
        assertThat(second.yaml()).contains("replica: prometheus-1");
        assertThat(first.hash()).isEqualTo(second.hash()).hasSize(64);
    }

    @Test
    void buildRuntimeAndFlagsParse() {
        assertThat(replica(0).buildInfo().orElseThrow().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        RuntimeInfo runtime = replica(0).runtimeInfo().orElseThrow();
        assertThat(runtime.startTime()).isBefore(Instant.now().plusSeconds(1));
        assertThat(runtime.reloadConfigSuccess()).isTrue();
        assertThat(replica(0).flags().orElseThrow()).containsEntry("web.enable-lifecycle", "true");
    }

    @Test
    void targetsAreSummarisedPerJob() {
        TargetSummary targets = Await.value(Duration.ofSeconds(20), "every target scraped once", () -> {
            TargetSummary summary = replica(0).targets().orElseThrow();
            return summary.up() == summary.total() && summary.total() == 5 ? summary : null;
        });

        assertThat(targets.jobs()).containsOnlyKeys("prometheus", "alertmanager");
        assertThat(targets.jobs().get("prometheus").up()).isEqualTo(2);
        assertThat(targets.jobs().get("alertmanager").up()).isEqualTo(3);
    }

    @Test
    void rulesAlertsAndHeadStatsParse() {
        List<RuleGroup> groups = replica(0).rules().orElseThrow();
        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("lab");
            assertThat(group.rules()).extracting(RuleGroup.Rule::name).containsExactly(LabConfigs.ALWAYS_FIRING, LabConfigs.NEVER_FIRING);
            assertThat(group.rules()).allMatch(RuleGroup.Rule::alerting);
        });

        List<PrometheusAlert> alerts = Await.value(Duration.ofSeconds(20), "the always-firing alert", () -> {
            List<PrometheusAlert> now = replica(0).alerts().orElseThrow();
            return now.stream().anyMatch(a -> a.state().equals("firing")) ? now : null;
        });
        assertThat(alerts).extracting(PrometheusAlert::name).containsExactly(LabConfigs.ALWAYS_FIRING);
        assertThat(alerts.get(0).labels()).doesNotContainKey("replica");

        HeadStats head = Await.value(Duration.ofSeconds(20), "series in the head block", () -> {
            HeadStats stats = replica(0).headStats().orElseThrow();
            return stats.numSeries() > 0 ? stats : null;
        });
        assertThat(head.chunkCount()).isPositive();
    }

    @Test
    void discoversTheThreeAlertmanagers() {
        DiscoveredAlertmanagers discovered = Await.value(Duration.ofSeconds(20), "3 active Alertmanagers", () -> {
            DiscoveredAlertmanagers now = replica(1).alertmanagers().orElseThrow();
            return now.active().size() == 3 ? now : null;
        });
        assertThat(discovered.active()).allMatch(url -> url.startsWith("http://127.0.0.1:") && url.endsWith("/api/v2/alerts"));
    }

    @Test
    void instantQueryReturnsAVector() {
        List<Sample> samples = replica(0).queryVector("vector(42)").orElseThrow();
        assertThat(samples).singleElement().extracting(Sample::value).isEqualTo(42.0);
    }
}
