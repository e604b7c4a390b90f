package io.promdeck.bench;

import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.cluster.SettingsFolder;
import io.promdeck.app.config.ConfigKind;
import io.promdeck.app.config.ConfigService;
import io.promdeck.app.config.ConfigTransaction;
import io.promdeck.app.config.ConfigUnit;
import io.promdeck.app.install.ToolChecks;
import io.promdeck.app.sandbox.Sandbox;
import io.promdeck.app.sandbox.Topology;
import io.promdeck.app.session.SessionOpener;
import io.promdeck.app.session.StackSession;
import io.promdeck.testing.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time from Apply to "verified on every replica" for a rule-file edit on a local HA stack (file sources: no sync
 * wait), against the time of the reloads themselves (both replicas' {@code /-/reload}, in parallel, as Reload all does)
 * measured in the same round, interleaved: reload, apply, reload, rollback. Goal ≤ 1.5x (plus the sync wait, 0 here).
 * Apply is timed twice: the whole action (with the checks: structure, PromQL, promtool) and the transaction alone
 * (write, reload, verify).
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.ConfigApplyTime -Dbench.args=15}
 */
public final class ConfigApplyTime {

    private ConfigApplyTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Path settings = Files.createTempDirectory("promdeck-bench-settings");
        SessionOpener opener = new SessionOpener(new SettingsFolder(settings), settings, workers, timer, Clock.systemUTC(), () -> 1000);
        Sandbox sandbox = Sandboxes.start(Topology.HA);
        List<Double> ratios = new ArrayList<>();
        List<Double> transactionRatios = new ArrayList<>();
        try (StackSession session = opener.openSandbox(sandbox, new SessionOpener.Listeners(p -> { }, s -> { }, s -> { }))) {
            ConfigService service = ConfigService.forSession(session, ToolChecks.find(System.getenv(), Optional.empty(), Optional.empty()), workers,
                    new AuditLog(settings.resolve(AuditLog.FILE)), "bench", Clock.systemUTC()).orElseThrow();
            ConfigUnit rules = service.units().stream().filter(u -> u.kind() == ConfigKind.RULES).findFirst().orElseThrow();
            System.out.printf("round\treload ms\tapply ms (with checks)\ttransaction ms\trollback ms\tratio\ttransaction ratio\tload%n");
            for (int round = 1; round <= rounds; round++) {
                long reload = reloadAll(session);
                ConfigService.Reading reading = service.read(rules);
                String edited = reading.text().replace("groups:\n", "groups:\n  - name: bench-" + round + "\n    rules:\n      - alert: Bench" + round
                        + "\n        expr: vector(" + round + ") > 0\n        for: 1m\n");
                if (edited.equals(reading.text())) {
                    throw new IllegalStateException("the rule file does not start its groups with 'groups:':\n" + reading.text());
                }
                long t0 = System.nanoTime();
                ConfigTransaction.Result applied;
                try {
                    applied = service.apply(reading, edited, false, p -> { });
                } catch (ConfigService.Refused e) {
                    throw new IllegalStateException(e.getMessage() + " " + e.problems() + "\n" + edited, e);
                }
                long apply = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (applied.outcome() != ConfigTransaction.Outcome.VERIFIED) {
                    throw new IllegalStateException(applied.sentence());
                }
                long reloadAgain = reloadAll(session);
                long t1 = System.nanoTime();
                ConfigTransaction.Result back = service.rollback(rules, applied, p -> { });
                long rollback = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                if (back.outcome() != ConfigTransaction.Outcome.VERIFIED) {
                    throw new IllegalStateException(back.sentence());
                }
                double reloadMs = (reload + reloadAgain) / 2.0;
                double ratio = apply / reloadMs;
                double transactionRatio = applied.elapsed().toMillis() / reloadMs;
                ratios.add(ratio);
                transactionRatios.add(transactionRatio);
                System.out.printf("%d\t%.0f\t%d\t%d\t%d\t%.2f\t%.2f\t%s%n", round, reloadMs, apply, applied.elapsed().toMillis(), rollback, ratio,
                        transactionRatio, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
        } finally {
            sandbox.stop();
        }
        ratios.sort(Double::compare);
        transactionRatios.sort(Double::compare);
        System.out.printf("apply (with checks) / reloads: median %.2f (min %.2f, max %.2f); transaction / reloads: median %.2f (min %.2f, max %.2f);"
                + " %d rounds%n", ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), transactionRatios.get(
                transactionRatios.size() / 2), transactionRatios.get(0), transactionRatios.get(transactionRatios.size() - 1), ratios.size());
        workers.shutdownNow();
        timer.shutdownNow();
        System.exit(0);
    }

    /** Both replicas' /-/reload in parallel, as Reload all: the time until the last answered. */
    private static long reloadAll(StackSession session) {
        long t0 = System.nanoTime();
        session.monitor().reloadAllPrometheus().forEach((name, result) -> {
            if (!result.succeeded()) {
                throw new IllegalStateException(name + ": " + result);
            }
        });
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
