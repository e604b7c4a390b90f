package io.promdeck.app.config;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.audit.AuditEntry;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.prometheus.PrometheusClient;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * A stack's configurations for the console: find them, read them with what each replica loaded, check an edit, and
 * apply or roll back as a verified transaction — each apply and rollback recorded in the audit log. Blocking: run it
 * off the UI thread.
 */
public final class ConfigService {

    /**
     * A configuration as read: each source's document, what each replica loaded compared with its source, and the text
     * the editor starts from (the first replica's source).
     */
    public record Reading(ConfigUnit unit, Map<ConfigSource, SourceDocument> documents, Map<String, CallResult<LoadedMatch.Match>> loaded,
            String text) {
        public Reading {
            documents = Map.copyOf(documents);
            loaded = Map.copyOf(loaded);
        }

        /** Whether every replica runs its source as it is now (false when one could not be read). */
        public boolean inSync() {
            return loaded.values().stream().allMatch(r -> r.isOk() && r.orElseThrow().equal());
        }
    }

    /** An apply that was not started: the problems that block it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<ConfigProblem> problems;

        Refused(String message, List<ConfigProblem> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() {
            return problems;
        }
    }

    private final ConfigLocator locator;
    private final Supplier<Map<String, PrometheusClient>> prometheus;
    private final Supplier<Map<String, AlertmanagerClient>> alertmanagers;
    private final Supplier<String> replicaLabel;
    private final ConfigChecks checks;
    private final ConfigTransaction transaction;
    private final AuditLog audit;
    private final String who;
    private final String where;
    private final Clock clock;

    public ConfigService(ConfigLocator locator, Supplier<Map<String, PrometheusClient>> prometheus,
            Supplier<Map<String, AlertmanagerClient>> alertmanagers, Supplier<String> replicaLabel, ConfigChecks checks, ExecutorService executor,
            ConfigTransaction.Sleeper sleeper, AuditLog audit, String who, String where, Clock clock) {
        this.locator = locator;
        this.prometheus = prometheus;
        this.alertmanagers = alertmanagers;
        this.replicaLabel = replicaLabel;
        this.checks = checks;
        this.transaction = new ConfigTransaction(locator.store(), executor, sleeper, locator.syncBound());
        this.audit = audit;
        this.who = who;
        this.where = where;
        this.clock = clock;
    }

    /**
     * The service of an open session, when it knows where its configurations live (a profile naming files, a local
     * stack, a cluster's pods); empty otherwise. {@code audit} may be null: nothing is recorded then.
     */
    public static java.util.Optional<ConfigService> forSession(io.promdeck.app.session.StackSession session, io.promdeck.app.install.ToolChecks tools,
            ExecutorService executor, AuditLog audit, String who, Clock clock) {
        return session.configs().map(locator -> new ConfigService(locator, () -> session.monitor().prometheusClients(),
                () -> session.monitor().alertmanagerClients(), () -> {
                    io.promdeck.app.live.ReplicaLabel label = session.monitor().state().replicaLabel();
                    return label.known() ? label.name() : "";
                }, new ConfigChecks(tools), executor, d -> Thread.sleep(d.toMillis()), audit, who, session.title(), clock));
    }

    public List<ConfigUnit> units() throws IOException {
        return locator.locate();
    }

    /** Reads every source of the configuration and what each of its replicas loaded. */
    public Reading read(ConfigUnit unit) throws IOException {
        Map<ConfigSource, SourceDocument> documents = new LinkedHashMap<>();
        for (ConfigSource source : unit.sources()) {
            documents.put(source, locator.store().read(source));
        }
        Map<String, ConfigTarget> targets = targets(unit);
        Map<String, CallResult<LoadedMatch.Match>> loaded = new LinkedHashMap<>();
        for (ConfigUnit.Binding b : unit.bindings()) {
            ConfigTarget target = targets.get(b.endpoint());
            loaded.put(b.endpoint(), target == null ? CallResult.failed(new io.promdeck.app.http.CallError.Unreachable(b.endpoint(),
                    "not among the session's endpoints"), java.time.Duration.ZERO) : target.compare(documents.get(b.source()).content()));
        }
        return new Reading(unit, documents, loaded, documents.get(unit.sources().get(0)).content());
    }

    /** Every problem with {@code edited}, against the configuration it replaces. */
    public List<ConfigProblem> check(Reading reading, String edited) {
        return checks.check(reading.unit().kind(), reading.unit().fileName(), reading.text(), edited, replicaLabel.get());
    }

    /**
     * Checks, writes and verifies. Refused (nothing written) when a check finds an error, or an HA problem without
     * {@code overrideHa}.
     */
    public ConfigTransaction.Result apply(Reading reading, String edited, boolean overrideHa, ConfigTransaction.Listener listener)
            throws Refused, IOException, InterruptedException {
        List<ConfigProblem> problems = check(reading, edited);
        List<ConfigProblem> errors = problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new Refused(errors.size() + (errors.size() == 1 ? " problem blocks" : " problems block") + " this change: nothing was written.",
                    errors);
        }
        List<ConfigProblem> ha = problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.HA).toList();
        if (!ha.isEmpty() && !overrideHa) {
            throw new Refused("This change would break high availability: nothing was written. Apply it anyway only on purpose.", ha);
        }
        ConfigUnit unit = reading.unit();
        Map<ConfigSource, String> contents = ConfigTransaction.contents(unit, reading.documents(), edited, replicaLabel.get());
        ConfigTransaction.Result result = transaction.apply(unit, reading.documents(), contents, targets(unit), listener);
        record("config.apply", unit, reading.text(), edited, result, ha.isEmpty() ? "" : "HA override: " + ha.size() + " problem(s) accepted");
        return result;
    }

    /** Puts back what {@code applied} replaced, on every source it wrote, and verifies it everywhere. */
    public ConfigTransaction.Result rollback(ConfigUnit unit, ConfigTransaction.Result applied, ConfigTransaction.Listener listener)
            throws IOException, InterruptedException {
        Map<ConfigSource, String> contents = new LinkedHashMap<>();
        applied.before().forEach((source, doc) -> contents.put(source, doc.content()));
        ConfigTransaction.Result result = transaction.apply(unit, applied.after(), contents, targets(unit), listener);
        String from = applied.after().values().iterator().next().content();
        String to = applied.before().values().iterator().next().content();
        record("config.rollback", unit, from, to, result, "");
        return result;
    }

    private void record(String action, ConfigUnit unit, String before, String after, ConfigTransaction.Result result, String note) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("before", SourceDocument.sha256(before).substring(0, 12));
        details.put("after", SourceDocument.sha256(after).substring(0, 12));
        details.put("sources", String.join(", ", unit.sources().stream().map(ConfigSource::describe).toList()));
        details.put("diff", ConfigDiff.unified(unit.fileName(), before, after));
        result.replicas().forEach((endpoint, p) -> details.put("replica " + endpoint, p.step() + ": " + p.message()));
        if (!note.isEmpty()) {
            details.put("note", note);
        }
        if (audit == null) {
            return;
        }
        try {
            audit.append(new AuditEntry(clock.instant(), who, where, action, unit.title(), result.sentence(), details));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ConfigService.class).warn("the audit log could not be written: {}", e.getMessage());
        }
    }

    /** The replicas or peers of a configuration, with the comparison its kind needs. */
    public Map<String, ConfigTarget> targets(ConfigUnit unit) {
        Map<String, ConfigTarget> out = new LinkedHashMap<>();
        Map<String, PrometheusClient> prometheusClients = prometheus.get();
        Map<String, AlertmanagerClient> alertmanagerClients = alertmanagers.get();
        for (String endpoint : unit.endpoints()) {
            ConfigTarget target = ConfigTarget.of(unit, endpoint, prometheusClients, alertmanagerClients, replicaLabel.get());
            if (target != null) {
                out.put(endpoint, target);
            }
        }
        return out;
    }
}
