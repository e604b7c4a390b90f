package io.promdeck.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdeck.app.audit.AuditEntry;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.prometheus.RuleGroup;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.testing.AlertmanagerPeer;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.PrometheusReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configuration changes as transactions on the real lab, through a direct profile naming each replica's and peer's
 * configuration file: edit, apply, and see it loaded and verified on every replica; a configuration Prometheus refuses
 * on reload leaves it running the previous one and is rolled back; a change made to the file meanwhile is never
 * overwritten; every apply and rollback is in the audit log, without secrets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static Path dir;
    private static StackSession session;
    private static AuditLog audit;
    private static ConfigService service;
    /** A workstation without promtool and amtool: only Promdeck's own checks run, so a change Prometheus refuses can be applied. */
    private static ConfigService withoutTools;

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("promdeck-config");
        StringBuilder profile = new StringBuilder("name: lab\nreplicaLabel: replica\nprometheus:\n");
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            profile.append("  - {name: ").append(r.name()).append(", url: \"").append(r.url()).append("\", configFile: \"").append(r.configFile())
                    .append("\"}\n");
        }
        profile.append("alertmanager:\n");
        for (AlertmanagerPeer p : LAB.lab().alertmanagers()) {
            profile.append("  - {name: ").append(p.name()).append(", url: \"").append(p.url()).append("\", configFile: \"").append(p.configFile())
                    .append("\"}\n");
        }
        Path file = Files.writeString(dir.resolve("lab.yaml"), profile);
        SessionOpener opener = new SessionOpener(new SettingsFolder(dir.resolve("settings")), dir, WORKERS, TIMER, Clock.systemUTC(), () -> 1000, false);
        session = opener.openProfile(file, new SessionOpener.Listeners(p -> { }, s -> { }, s -> { }));
        audit = new AuditLog(dir.resolve("settings").resolve(AuditLog.FILE));
        service = service(ToolChecks.find(System.getenv(), Optional.empty(), Optional.empty()));
        withoutTools = service(new ToolChecks(Optional.empty(), Optional.empty()));
    }

    private static ConfigService service(ToolChecks tools) {
        return new ConfigService(session.configs().orElseThrow(), () -> session.monitor().prometheusClients(),
                () -> session.monitor().alertmanagerClients(), () -> "replica", new ConfigChecks(tools), WORKERS, d -> Thread.sleep(d.toMillis()),
                audit, "tester", "profile lab", Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        session.close();
        WORKERS.shutdownNow();
        TIMER.shutdownNow();
    }

    @AfterEach
    void restore() {
        LAB.lab().heal();
        LAB.lab().prometheus().forEach(r -> r.client().reload());
        LAB.lab().alertmanagers().forEach(p -> p.client().reload());
    }

    private static ConfigUnit unit(ConfigKind kind) throws Exception {
        return service.units().stream().filter(u -> u.kind() == kind).findFirst().orElseThrow();
    }

    private static List<ConfigTransaction.ReplicaProgress> progress() {
        return new CopyOnWriteArrayList<>();
    }

    @Test
    @Order(1)
    void theProfilesFilesAreFoundAndEveryReplicaRunsItsSource() throws Exception {
        List<ConfigUnit> units = service.units();
        assertThat(units).extracting(ConfigUnit::kind).containsExactly(ConfigKind.PROMETHEUS, ConfigKind.RULES, ConfigKind.ALERTMANAGER);
        assertThat(unit(ConfigKind.PROMETHEUS).sources()).as("one file per replica").hasSize(2);
        assertThat(unit(ConfigKind.RULES).sources()).as("one rule file shared by both").hasSize(1);
        assertThat(unit(ConfigKind.RULES).endpoints()).containsExactly("prometheus-0", "prometheus-1");
        assertThat(unit(ConfigKind.ALERTMANAGER).sources()).hasSize(3);
        for (ConfigUnit unit : units) {
            ConfigService.Reading reading = service.read(unit);
            assertThat(reading.loaded()).as(unit.title()).allSatisfy((endpoint, match) -> {
                assertThat(match.isOk()).isTrue();
                assertThat(match.orElseThrow().differences()).as(endpoint).isEmpty();
            });
            assertThat(reading.inSync()).as(unit.title()).isTrue();
        }
    }

    @Test
    @Order(2)
    void anEditedRuleIsAppliedAndVerifiedOnBothReplicasAndRolledBack() throws Exception {
        ConfigService.Reading reading = service.read(unit(ConfigKind.RULES));
        String edited = reading.text() + """
                      - alert: LabEditedByPromdeck
                        expr: sum by (job) (up) > 0
                        for: 1m
                        labels:
                          severity: info
                        annotations:
                          summary: Added through the Config panel.
                """;
        List<ConfigTransaction.ReplicaProgress> seen = progress();
        ConfigTransaction.Result result = service.apply(reading, edited, false, seen::add);

        assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        assertThat(result.replicas()).allSatisfy((endpoint, p) -> {
            assertThat(p.step()).isEqualTo(ConfigTransaction.Step.VERIFIED);
            assertThat(p.match().loadedHash()).isEqualTo(p.match().appliedHash());
        });
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            List<String> names = r.client().rules().orElseThrow().stream().flatMap(g -> g.rules().stream()).map(RuleGroup.Rule::name).toList();
            assertThat(names).as(r.name()).contains("LabEditedByPromdeck");
        }
        assertThat(seen).extracting(ConfigTransaction.ReplicaProgress::step).contains(ConfigTransaction.Step.RELOADING, ConfigTransaction.Step.VERIFIED);

        ConfigTransaction.Result back = service.rollback(reading.unit(), result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        assertThat(service.read(reading.unit()).text()).isEqualTo(reading.text());
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().rules().orElseThrow().stream().flatMap(g -> g.rules().stream()).map(RuleGroup.Rule::name))
                    .doesNotContain("LabEditedByPromdeck");
        }
        List<AuditEntry> entries = audit.read().entries();
        assertThat(entries).extracting(AuditEntry::action).containsSubsequence("config.apply", "config.rollback");
        AuditEntry apply = entries.stream().filter(e -> e.action().equals("config.apply")).reduce((a, b) -> b).orElseThrow();
        assertThat(apply.details().get("diff")).contains("+      - alert: LabEditedByPromdeck");
        assertThat(apply.details()).containsKeys("before", "after", "replica prometheus-0", "replica prometheus-1");
        assertThat(apply.who()).isEqualTo("tester");
    }

    @Test
    @Order(3)
    void aMainConfigEditKeepsEachReplicasOwnLabelValue() throws Exception {
        ConfigService.Reading reading = service.read(unit(ConfigKind.PROMETHEUS));
        String edited = reading.text().replace("scrape_interval: 2s", "scrape_interval: 3s");
        ConfigTransaction.Result result = service.apply(reading, edited, false, p -> { });
        try {
            assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
            for (PrometheusReplica r : LAB.lab().prometheus()) {
                String file = r.readFileConfig();
                assertThat(file).contains("scrape_interval: 3s").contains("replica: " + r.name());
                assertThat(r.client().config().orElseThrow().yaml()).contains("scrape_interval: 3s").contains("replica: " + r.name());
            }
        } finally {
            service.rollback(reading.unit(), result, p -> { });
        }
    }

    @Test
    @Order(4)
    void aConfigPrometheusRefusesOnReloadLeavesThePreviousOneRunningAndIsRolledBack() throws Exception {
        ConfigService.Reading reading = withoutTools.read(unit(ConfigKind.PROMETHEUS));
        // Promdeck's own checks do not compile relabelling regexes; Prometheus refuses this one when it reloads.
        String edited = reading.text().replace("  - job_name: prometheus\n", "  - job_name: prometheus\n    relabel_configs:\n"
                + "      - {source_labels: [job], regex: \"(unclosed\", action: keep}\n");
        assertThat(withoutTools.check(reading, edited)).noneMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);

        ConfigTransaction.Result result = withoutTools.apply(reading, edited, false, p -> { });

        assertThat(result.outcome()).isEqualTo(ConfigTransaction.Outcome.NOT_EVERYWHERE);
        assertThat(result.replicas()).allSatisfy((endpoint, p) -> {
            assertThat(p.step()).isEqualTo(ConfigTransaction.Step.REJECTED);
            assertThat(p.message()).startsWith("refused the new configuration and keeps running the previous one: ").contains("(unclosed");
        });
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.client().runtimeInfo().orElseThrow().reloadConfigSuccess()).isFalse();
            assertThat(r.client().config().orElseThrow().yaml()).as("still the previous configuration").doesNotContain("(unclosed");
        }
        assertThat(result.sentence()).startsWith("Not everywhere: prometheus-0, prometheus-1 do not run the new configuration")
                .endsWith("Roll back to put the previous configuration back everywhere.");

        ConfigTransaction.Result back = withoutTools.rollback(reading.unit(), result, p -> { });
        assertThat(back.outcome()).as(back.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            assertThat(r.readFileConfig()).isEqualTo(r.originalConfig());
            assertThat(r.client().runtimeInfo().orElseThrow().reloadConfigSuccess()).isTrue();
        }
    }

    @Test
    @Order(5)
    void aChangeMadeToTheFileMeanwhileIsNeverOverwritten() throws Exception {
        ConfigService.Reading reading = service.read(unit(ConfigKind.ALERTMANAGER));
        AlertmanagerPeer second = LAB.lab().alertmanager(1);
        String theirs = second.readFileConfig() + "# changed by someone else\n";
        second.writeConfig(theirs);

        ConfigTransaction.Result result = service.apply(reading, reading.text().replace("group_wait: 1s", "group_wait: 2s"), false, p -> { });

        assertThat(result.outcome()).isEqualTo(ConfigTransaction.Outcome.CONFLICT);
        assertThat(result.sentence()).contains(second.configFile().toString()).contains("changed since it was read")
                .contains("nothing was written");
        assertThat(second.readFileConfig()).isEqualTo(theirs);
        assertThat(LAB.lab().alertmanager(0).readFileConfig()).as("no other source written either").isEqualTo(reading.text());
        assertThat(result.conflict().current().content()).isEqualTo(theirs);
    }

    @Test
    @Order(6)
    void anAlertmanagerChangeIsVerifiedOnEveryPeer() throws Exception {
        ConfigService.Reading reading = service.read(unit(ConfigKind.ALERTMANAGER));
        ConfigTransaction.Result result = service.apply(reading, reading.text().replace("group_wait: 1s", "group_wait: 2s"), false, p -> { });
        try {
            assertThat(result.outcome()).as(result.sentence()).isEqualTo(ConfigTransaction.Outcome.VERIFIED);
            assertThat(result.replicas()).hasSize(3);
            for (AlertmanagerPeer p : LAB.lab().alertmanagers()) {
                assertThat(p.client().status().orElseThrow().configOriginal()).contains("group_wait: 2s");
            }
        } finally {
            service.rollback(reading.unit(), result, p -> { });
        }
    }

    @Test
    @Order(7)
    void problemsAndHaBreakingChangesAreRefusedBeforeAnythingIsWritten() throws Exception {
        ConfigService.Reading rules = service.read(unit(ConfigKind.RULES));
        String broken = rules.text().replace("expr: vector(1) == 0", "expr: vector(1) ==");
        assertThatThrownBy(() -> service.apply(rules, broken, false, p -> { })).isInstanceOf(ConfigService.Refused.class)
                .satisfies(e -> assertThat(((ConfigService.Refused) e).problems()).anySatisfy(p -> {
                    assertThat(p.check()).isEqualTo("PromQL");
                    assertThat(p.line()).isPositive();
                    assertThat(p.message()).contains("unexpected end of input");
                }));
        assertThat(service.read(rules.unit()).text()).isEqualTo(rules.text());

        ConfigService.Reading main = service.read(unit(ConfigKind.PROMETHEUS));
        String noLabeldrop = main.text().replace("    - action: labeldrop\n      regex: replica\n", "");
        assertThat(noLabeldrop).isNotEqualTo(main.text());
        assertThatThrownBy(() -> service.apply(main, noLabeldrop, false, p -> { })).isInstanceOf(ConfigService.Refused.class)
                .hasMessageContaining("would break high availability")
                .satisfies(e -> assertThat(((ConfigService.Refused) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("alerts would keep the replica label 'replica'")));
        List<String> files = new ArrayList<>();
        for (PrometheusReplica r : LAB.lab().prometheus()) {
            files.add(r.readFileConfig());
        }
        assertThat(files).containsExactlyElementsOf(LAB.lab().prometheus().stream().map(PrometheusReplica::originalConfig).toList());
        assertThat(Files.readString(audit.file())).doesNotContain("password");
    }
}
