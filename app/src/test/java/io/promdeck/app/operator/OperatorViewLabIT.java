package io.promdeck.app.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.live.RefreshScheduler;
import io.promdeck.app.live.StackMonitor;
import io.promdeck.app.live.StackState;
import io.promdeck.app.transport.Endpoint;
import io.promdeck.app.transport.StackEndpoints;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabMember;
import io.promdeck.testing.PrometheusReplica;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Targets by monitor and rules by PrometheusRule on real Prometheus replicas configured as prometheus-operator
 * configures them: scrape pools named {@code serviceMonitor/<ns>/<name>/<i>}, and a rule file per PrometheusRule named
 * {@code <ns>-<name>-<uid>.yaml}.
 */
class OperatorViewLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(io.promdeck.testing.OperatorLab.options());

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();

    private static final OperatorResources.Read RESOURCES = new OperatorResources.Read(
            List.of(new OperatorResources.Prometheus("Prometheus", "monitoring", "kube-prometheus-stack-prometheus", 2, 1,
                    io.promdeck.testing.OperatorLab.REPLICA_LABEL, false)),
            List.of(), List.of(),
            List.of(new OperatorResources.Monitor("ServiceMonitor", "monitoring", "kube-prometheus-stack-prometheus"),
                    new OperatorResources.Monitor("ServiceMonitor", "monitoring", "kube-prometheus-stack-kubelet"),
                    new OperatorResources.Monitor("ServiceMonitor", "monitoring", "typo-in-selector")),
            List.of(new OperatorResources.Rules("monitoring", "kube-prometheus-stack-general.rules", List.of("general.rules"))));

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
        WORKERS.shutdownNow();
    }

    private static StackState collect() {
        Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
        for (LabMember member : LAB.lab().members()) {
            Component component = member instanceof PrometheusReplica ? Component.PROMETHEUS : Component.ALERTMANAGER;
            byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(new Endpoint(component, member.name(),
                    new DirectTransport(LAB.lab().http(), member.url()), true, member.url().replace("http://", "")));
        }
        try (StackMonitor monitor = new StackMonitor(new StackEndpoints("lab", byComponent, Map.of(Component.PROMETHEUS, 2, Component.ALERTMANAGER, 3)),
                new RefreshScheduler(TIMER, WORKERS, () -> 1000), WORKERS, Clock.systemUTC(), s -> { })) {
            return monitor.collectOnce(Duration.ZERO, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while collecting", e);
        }
    }

    @Test
    void targetsAreGroupedByMonitorAndAMonitorThatSelectsNothingIsFlagged() throws Exception {
        Await.until(Duration.ofSeconds(30), "the kubelet targets scraped and down on both replicas", () -> {
            List<OperatorView.MonitorRow> rows = OperatorView.monitors(RESOURCES, collect());
            return rows.get(1).targets().size() == 2 && rows.get(1).targets().stream().allMatch(t -> t.down() == 1);
        });
        List<OperatorView.MonitorRow> rows = OperatorView.monitors(RESOURCES, collect());

        assertThat(rows.get(0).pools()).containsExactly("serviceMonitor/monitoring/kube-prometheus-stack-prometheus/0");
        assertThat(rows.get(0).targets()).extracting(OperatorView.Targets::replica, OperatorView.Targets::up, OperatorView.Targets::down)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prometheus-0", 2, 0), org.assertj.core.groups.Tuple.tuple("prometheus-1", 2, 0));
        assertThat(rows.get(0).problem()).isEmpty();
        assertThat(rows.get(1).problem()).isEqualTo("targets down");
        assertThat(rows.get(1).targets().get(0).errors()).singleElement().asString().contains("connection refused");
        assertThat(rows.get(2).pools()).isEmpty();
        assertThat(rows.get(2).problem()).startsWith("selects nothing: no scrape pool serviceMonitor/monitoring/typo-in-selector/… on any replica");
    }

    @Test
    void rulesAreListedPerPrometheusRuleWithTheirHealthAndFiringAlerts() throws Exception {
        Await.until(Duration.ofSeconds(30), "TargetDown firing on both replicas", () -> OperatorView.rules(RESOURCES, collect()).stream()
                .filter(r -> r.rule().equals("TargetDown") && r.firing() == 1).count() == 2);
        List<OperatorView.RuleRow> rows = OperatorView.rules(RESOURCES, collect());

        assertThat(rows).extracting(OperatorView.RuleRow::rule).containsOnly("TargetDown", "job:up:sum");
        assertThat(rows).hasSize(4).allSatisfy(r -> {
            assertThat(r.resource().name()).isEqualTo("kube-prometheus-stack-general.rules");
            assertThat(r.group()).isEqualTo("general.rules");
            assertThat(r.health()).isEqualTo("ok");
        });
        // The lab's own rules (rules.yml) belong to no PrometheusRule and are not listed.
        assertThat(rows).noneMatch(r -> r.rule().equals(LabConfigs.ALWAYS_FIRING));
    }

    @Test
    void theDoctorJudgesTheOperatorsResources() {
        OperatorResources.Read withProblem = new OperatorResources.Read(RESOURCES.prometheuses(), RESOURCES.alertmanagers(), RESOURCES.rulers(),
                RESOURCES.monitors(), RESOURCES.rules(), List.of("Prometheus kube-prometheus-stack-prometheus: Reconciled=False — "
                        + "failed to generate the configuration: storage class \"fast\" not found"));
        Await.until(Duration.ofSeconds(30), "the operator's rules loaded", () -> !OperatorView.rules(RESOURCES, collect()).isEmpty());

        io.promdeck.app.doctor.Diagnosis diagnosis = io.promdeck.app.doctor.Doctor.diagnose(collect(), java.time.Instant.now(),
                java.util.Optional.of(withProblem));

        Map<String, io.promdeck.app.doctor.Finding> byId = new java.util.HashMap<>();
        diagnosis.findings().forEach(f -> byId.put(f.id(), f));
        assertThat(byId.get("operator.reconcile").verdict()).isEqualTo(io.promdeck.app.doctor.Verdict.FAIL);
        assertThat(byId.get("operator.reconcile").summary()).contains("storage class \"fast\" not found");
        assertThat(byId.get("operator.monitors").verdict()).isEqualTo(io.promdeck.app.doctor.Verdict.WARN);
        assertThat(byId.get("operator.monitors").subjects()).containsExactly("ServiceMonitor/typo-in-selector");
        assertThat(byId.get("operator.rules").verdict()).isEqualTo(io.promdeck.app.doctor.Verdict.OK);
        // Without the operator's resources the same state has none of these findings.
        assertThat(io.promdeck.app.doctor.Doctor.diagnose(collect(), java.time.Instant.now()).findings())
                .noneMatch(f -> f.id().startsWith("operator."));
    }
}
