package io.promdeck.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.audit.AuditLog;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.AuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of action the console records, as the trail writes it: one JSON line each with who, where, target and
 * outcome, no secret value in the file (owner-only), read back by the Audit panel after a "restart" and filtered.
 */
class AuditTrailTest {

    @TempDir
    Path settings;

    @Test
    void everyActionIsOneLineWithoutSecretsAndThePanelReadsAndFiltersThemAfterARestart() throws Exception {
        Tasks tasks = io.promdeck.ui.testing.DirectTasks.create();
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        AuditLog log = new AuditLog(settings.resolve(AuditLog.FILE));
        AuditTrail trail = new AuditTrail(log, tasks, clock, () -> null);
        AuditViewModel live = new AuditViewModel(java.util.Optional.of(log), tasks);
        live.load();

        trail.record("prometheus.reload", "prometheus-0", "reloaded", Map.of());
        trail.record("alertmanager.reload-all", "every peer", "3/3 reloaded", Map.of("alertmanager-0", "reloaded"));
        trail.record("silence.create", "alertname=\"Watchdog\"", "confirmed on 3/3 peers", Map.of("comment", "maintenance",
                "matchers", "alertname=\"Watchdog\""));
        trail.record("silence.expire", "3f2a", "expired on 3/3 peers", Map.of());
        trail.record("ops", "prod / monitoring", "stack.upgrade", "monitoring/promdeck", "ready", Map.of("plan", "2 to change"));
        trail.record("ops", "prod / monitoring", "stack.uninstall", "monitoring/promdeck", "deleted 40 objects", Map.of("volumes", "kept"));
        trail.record("drill.run", "Kill (SIGKILL) alertmanager-1", "killed alertmanager-1", Map.of());
        trail.record("config.apply", "Alertmanager configuration (alertmanager.yml)", "verified", Map.of("diff",
                "-    api_url: https://hooks.slack.com/services/T0/B0/oldsecret\n+    api_url: https://hooks.slack.com/services/T0/B0/newsecret\n"
                        + "+    url: https://admin:hunter2@example.test/hook?token=abc123"));

        Path file = settings.resolve(AuditLog.FILE);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(8).allSatisfy(l -> assertThat(l).startsWith("{\"at\":\"2026-12-04T10:00:00Z\"").contains("\"who\":\""));
        String all = Files.readString(file);
        assertThat(all).doesNotContain("oldsecret").doesNotContain("newsecret").doesNotContain("hunter2").doesNotContain("abc123")
                .contains("<secret>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(live.rows()).as("the open panel follows the log as it is written, newest first").hasSize(8)
                .first().satisfies(r -> assertThat(r.action()).isEqualTo("config.apply"));

        AuditViewModel afterRestart = new AuditViewModel(java.util.Optional.of(new AuditLog(file)), tasks);
        afterRestart.load();
        assertThat(afterRestart.rows()).extracting(AuditViewModel.Row::action).containsExactly("config.apply", "drill.run", "stack.uninstall",
                "stack.upgrade", "silence.expire", "silence.create", "alertmanager.reload-all", "prometheus.reload");
        assertThat(afterRestart.statusProperty().get()).startsWith("8 actions recorded in ");
        afterRestart.filterProperty().set("stack prod");
        assertThat(afterRestart.rows()).extracting(AuditViewModel.Row::action).containsExactly("stack.uninstall", "stack.upgrade");
        assertThat(afterRestart.rows().get(0).who()).isEqualTo("ops");
        afterRestart.filterProperty().set("");
        assertThat(AuditViewModel.details(afterRestart.rows().get(0).entry())).contains("diff:\n-    api_url: <secret>");

        Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);
        afterRestart.load();
        assertThat(afterRestart.statusProperty().get()).endsWith("1 line(s) could not be read and are not listed");
        assertThat(afterRestart.rows()).hasSize(8);
    }
}
