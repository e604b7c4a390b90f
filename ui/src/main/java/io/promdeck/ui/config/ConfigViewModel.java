package io.promdeck.ui.config;

import io.promdeck.app.config.ConfigDiff;
import io.promdeck.app.config.ConfigKind;
import io.promdeck.app.config.ConfigProblem;
import io.promdeck.app.config.ConfigService;
import io.promdeck.app.config.ConfigTransaction;
import io.promdeck.app.config.ConfigUnit;
import io.promdeck.app.config.LoadedMatch;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.session.SessionModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Config panel: the stack's configurations, what each replica loaded against its source, and the one action
 * edit → validate → diff → apply → reload → verify, with roll back; for an Alertmanager configuration, the routing test.
 * Every call runs on the shared executor; every property changes on the UI thread.
 */
public final class ConfigViewModel {

    private final SessionModel session;
    private final Function<StackSession, Optional<ConfigService>> services;
    private final ObservableList<ConfigUnit> units = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigUnit> unit = new SimpleObjectProperty<>();
    private final ObservableList<ConfigReplicaRow> replicas = FXCollections.observableArrayList();
    private final ObservableList<ConfigProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<ConfigDiff.Line> diff = FXCollections.observableArrayList();
    private final RoutingTestModel routing = new RoutingTestModel();
    private final StringProperty edited = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty checked = new SimpleStringProperty("");
    private final StringProperty diffSummary = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanProperty outcomeFailed = new SimpleBooleanProperty(false);
    private final BooleanProperty overrideHa = new SimpleBooleanProperty(false);
    private final BooleanProperty haProblems = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty canRollBack = new SimpleBooleanProperty(false);
    private final ObjectProperty<ConfigService.Reading> reading = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> readAt = new SimpleObjectProperty<>();
    private ConfigService service;
    private ConfigTransaction.Result applied;
    private ConfigUnit appliedUnit;
    private long generation;
    private boolean refused;

    public ConfigViewModel(SessionModel session, Function<StackSession, Optional<ConfigService>> services) {
        this.session = session;
        this.services = services;
        session.sessionProperty().addListener((obs, old, now) -> open(now));
        unit.addListener((obs, old, now) -> {
            if (now != null && (old == null || !now.equals(old))) {
                if (!busy.get()) {
                    outcome.set("");
                }
                canRollBack.set(applied != null && now.equals(appliedUnit));
                read(now);
            }
        });
        // The diff is against the source as last read: a new read (after an apply, a rollback) recomputes it even
        // when the editor's text stays the same.
        reading.addListener((obs, old, now) -> updateDiff());
        edited.addListener((obs, old, now) -> {
            if (refused) {
                refused = false;
                outcome.set("");
            }
            checked.set("");
            problems.clear();
            haProblems.set(false);
            overrideHa.set(false);
            updateDiff();
        });
    }

    private void open(StackSession now) {
        long mine = ++generation;
        service = null;
        applied = null;
        canRollBack.set(false);
        units.clear();
        unit.set(null);
        replicas.clear();
        reading.set(null);
        edited.set("");
        outcome.set("");
        if (now == null) {
            status.set("Not connected.");
            return;
        }
        status.set("Finding the stack's configurations…");
        session.tasks().run(() -> {
            Optional<ConfigService> found = services.apply(now);
            return found.isEmpty() ? null : new Object[] {found.get(), found.get().units()};
        }).onSuccess(found -> {
            if (mine != generation) {
                return;
            }
            if (found == null) {
                status.set("This session does not say where its configurations live: for a direct-URL profile, give each endpoint's "
                        + "configFile; for a cluster, connect to its namespace.");
                return;
            }
            service = (ConfigService) found[0];
            @SuppressWarnings("unchecked")
            List<ConfigUnit> list = (List<ConfigUnit>) found[1];
            units.setAll(list);
            status.set(list.isEmpty() ? "No configuration found: no replica names a --config.file this console can read." : "");
            if (!list.isEmpty()) {
                unit.set(list.get(0));
            }
        }).onError(e -> {
            if (mine == generation) {
                status.set("The configurations could not be found: " + message(e));
            }
        }).start();
    }

    /** Reads the chosen configuration again (sources and what each replica loaded); the editor gets the source. */
    public void refresh() {
        if (unit.get() != null) {
            read(unit.get());
        }
    }

    private void read(ConfigUnit chosen) {
        ConfigService current = service;
        if (current == null) {
            return;
        }
        long mine = generation;
        busy.set(true);
        status.set("Reading " + chosen.title() + " and what each replica loaded…");
        session.tasks().run(() -> current.read(chosen)).onSuccess(r -> {
            if (mine != generation || !chosen.equals(unit.get())) {
                return;
            }
            show(r);
            status.set("");
        }).onError(e -> {
            if (mine == generation) {
                reading.set(null);
                replicas.clear();
                status.set("Could not read " + chosen.title() + ": " + message(e) + " Nothing is shown as its content.");
            }
        }).andFinally(() -> busy.set(false)).start();
    }

    private void show(ConfigService.Reading r) {
        readAt.set(session.clock().instant());
        reading.set(r);
        List<ConfigReplicaRow> rows = new ArrayList<>();
        for (ConfigUnit.Binding b : r.unit().bindings()) {
            rows.add(ConfigReplicaRow.of(b.endpoint(), b.source().describe(), r.loaded().get(b.endpoint())));
        }
        replicas.setAll(rows);
        edited.set(r.text());
        routing.clear();
    }

    /** Puts the source back in the editor, dropping the edit. */
    public void revert() {
        if (reading.get() != null) {
            edited.set(reading.get().text());
        }
    }

    /** Runs every check on the edit (promtool and amtool too, so off the UI thread); problems come back with their lines. */
    public void validate() {
        ConfigService current = service;
        ConfigService.Reading r = reading.get();
        if (current == null || r == null) {
            return;
        }
        String text = edited.get();
        busy.set(true);
        checked.set("Checking…");
        session.tasks().run(() -> current.check(r, text)).onSuccess(found -> {
            if (text.equals(edited.get())) {
                showProblems(found);
            }
        }).onError(e -> checked.set("The checks could not run: " + message(e))).andFinally(() -> busy.set(false)).start();
    }

    private void showProblems(List<ConfigProblem> found) {
        problems.setAll(found);
        haProblems.set(found.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.HA));
        checked.set(summary(found));
    }

    static String summary(List<ConfigProblem> found) {
        long errors = found.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).count();
        long ha = found.stream().filter(p -> p.severity() == ConfigProblem.Severity.HA).count();
        long warnings = found.size() - errors - ha;
        if (found.isEmpty()) {
            return "No problem found.";
        }
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (ha > 0) {
            parts.add(ha + " HA " + (ha == 1 ? "problem" : "problems"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return String.join(", ", parts) + (errors > 0 ? ": Apply is refused until " + (errors == 1 ? "it is" : "they are") + " fixed." : ha > 0
                ? ": Apply needs the explicit override." : ".");
    }

    private void updateDiff() {
        ConfigService.Reading r = reading.get();
        if (r == null) {
            diff.clear();
            diffSummary.set("");
            return;
        }
        diff.setAll(ConfigDiff.lines(r.text(), edited.get()));
        diffSummary.set(r.text().equals(edited.get()) ? "No change against the source." : ConfigDiff.summary(r.text(), edited.get())
                + " against " + r.unit().sources().get(0).describe());
    }

    /**
     * Checks, writes with the version read, reloads every replica until it runs what was written and verifies it; the
     * replicas' table shows each one's progress as it happens.
     */
    public void apply() {
        ConfigService current = service;
        ConfigService.Reading r = reading.get();
        if (current == null || r == null || busy.get()) {
            return;
        }
        String text = edited.get();
        boolean override = overrideHa.get();
        busy.set(true);
        outcome.set("Applying " + r.unit().title() + "…");
        outcomeFailed.set(false);
        session.tasks().run(() -> current.apply(r, text, override, this::progress)).onSuccess(result -> {
            outcome.set(result.sentence());
            outcomeFailed.set(result.outcome() != ConfigTransaction.Outcome.VERIFIED);
            if (!result.after().isEmpty()) {
                applied = result;
                appliedUnit = r.unit();
                canRollBack.set(true);
            }
            reread(r.unit(), result);
        }).onError(e -> {
            outcomeFailed.set(true);
            if (e instanceof ConfigService.Refused refusal) {
                outcome.set(refusal.getMessage());
                showProblems(refusal.problems());
                refused = true;
            } else {
                outcome.set("The change could not be applied: " + message(e));
            }
        }).andFinally(() -> busy.set(false)).start();
    }

    /** Puts back what the last apply replaced, reloads and verifies it on every replica. */
    public void rollback() {
        ConfigService current = service;
        ConfigTransaction.Result last = applied;
        ConfigUnit lastUnit = appliedUnit;
        if (current == null || last == null || busy.get()) {
            return;
        }
        busy.set(true);
        outcome.set("Rolling back " + lastUnit.title() + "…");
        outcomeFailed.set(false);
        session.tasks().run(() -> current.rollback(lastUnit, last, this::progress)).onSuccess(result -> {
            outcome.set(result.outcome() == ConfigTransaction.Outcome.VERIFIED
                    ? "Rolled back and verified: every replica runs the previous configuration again."
                    : "Rolled back, but not everywhere: " + result.sentence());
            outcomeFailed.set(result.outcome() != ConfigTransaction.Outcome.VERIFIED);
            if (result.outcome() != ConfigTransaction.Outcome.CONFLICT) {
                applied = null;
                canRollBack.set(false);
            }
            reread(lastUnit, result);
        }).onError(e -> {
            outcomeFailed.set(true);
            outcome.set("The rollback could not run: " + message(e));
        }).andFinally(() -> busy.set(false)).start();
    }

    /** After an apply: the sources and loaded state read again, keeping each replica's progress on its row. */
    private void reread(ConfigUnit done, ConfigTransaction.Result result) {
        ConfigService current = service;
        if (current == null || !done.equals(unit.get())) {
            return;
        }
        List<ConfigReplicaRow> progress = List.copyOf(replicas);
        session.tasks().run(() -> current.read(done)).onSuccess(r -> {
            if (!done.equals(unit.get())) {
                return;
            }
            readAt.set(session.clock().instant());
            reading.set(r);
            if (result.outcome() != ConfigTransaction.Outcome.CONFLICT) {
                edited.set(r.text());
            }
            Map<String, ConfigReplicaRow> byEndpoint = new LinkedHashMap<>();
            progress.forEach(row -> byEndpoint.put(row.endpoint(), row));
            List<ConfigReplicaRow> rows = new ArrayList<>();
            for (ConfigUnit.Binding b : r.unit().bindings()) {
                ConfigReplicaRow fresh = ConfigReplicaRow.of(b.endpoint(), b.source().describe(), r.loaded().get(b.endpoint()));
                ConfigReplicaRow old = byEndpoint.get(b.endpoint());
                rows.add(old == null ? fresh : new ConfigReplicaRow(fresh.endpoint(), fresh.source(), fresh.loaded(), fresh.differs(), old.step(),
                        old.elapsed(), old.reloads(), old.message(), old.failed()));
            }
            replicas.setAll(rows);
        }).onError(e -> status.set("Applied, but the configuration could not be read again: " + message(e))).start();
    }

    private void progress(ConfigTransaction.ReplicaProgress p) {
        session.tasks().ui().execute(() -> {
            for (int i = 0; i < replicas.size(); i++) {
                if (replicas.get(i).endpoint().equals(p.endpoint())) {
                    replicas.set(i, replicas.get(i).with(p));
                }
            }
        });
    }

    /** Where an alert with the typed labels would go, evaluated on the edited Alertmanager configuration. */
    public void testRouting() {
        ConfigService.Reading r = reading.get();
        if (r != null && r.unit().kind() == ConfigKind.ALERTMANAGER) {
            routing.test(edited.get());
        }
    }

    /** The routing test's labels, result and error. */
    public RoutingTestModel routing() {
        return routing;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "loaded state read 12s ago", for the header; "" before a read. */
    public String readAge(Instant now) {
        Instant at = readAt.get();
        return at == null ? "" : "loaded state read " + Formats.since(at, now);
    }

    public ObservableList<ConfigUnit> units() {
        return units;
    }

    public ObjectProperty<ConfigUnit> unitProperty() {
        return unit;
    }

    public ObservableList<ConfigReplicaRow> replicas() {
        return replicas;
    }

    public ObservableList<ConfigProblem> problems() {
        return problems;
    }

    public ObservableList<ConfigDiff.Line> diff() {
        return diff;
    }

    public StringProperty editedProperty() {
        return edited;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty checkedProperty() {
        return checked;
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome;
    }

    public ReadOnlyBooleanProperty outcomeFailedProperty() {
        return outcomeFailed;
    }

    public BooleanProperty overrideHaProperty() {
        return overrideHa;
    }

    public ReadOnlyBooleanProperty haProblemsProperty() {
        return haProblems;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty canRollBackProperty() {
        return canRollBack;
    }

    public ReadOnlyObjectProperty<ConfigService.Reading> readingProperty() {
        return reading;
    }
}
