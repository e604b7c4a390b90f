package io.promdeck.ui.silences;

import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.SilenceDraft;
import io.promdeck.app.alertmanager.SilenceService;
import io.promdeck.app.alertmanager.SilenceState;
import io.promdeck.app.http.UnreadableItem;
import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.StackState;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.session.SessionModel;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Active, pending and expired silences of all peers, and the create / edit / expire commands. */
public final class SilencesViewModel {

    private final SessionModel session;
    private final Clock clock;
    private final ObservableList<SilenceRow> rows = FXCollections.observableArrayList();
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty placeholder = new SimpleStringProperty("Not connected.");
    private final StringProperty coverage = new SimpleStringProperty("");
    private final ObservableList<UnreadableItem> unreadable = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<SilenceRow> filtered = new javafx.collections.transformation.FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    /** Silences to expire once no alert matches them (ids); acted on only with every peer's alerts fresh. */
    private final javafx.collections.ObservableSet<String> expireWhenClear = FXCollections.observableSet();

    public SilencesViewModel(SessionModel session, Clock clock) {
        this.session = session;
        this.clock = clock;
        session.stateProperty().addListener((obs, old, state) -> update(state));
        filter.addListener((obs, old, text) -> filtered.setPredicate(text == null || text.isBlank() ? null : r -> r.contains(text.strip())));
    }

    private final java.util.concurrent.atomic.AtomicBoolean building = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean dirty;

    /** What the panel shows of a state, computed off the FX thread. */
    record Built(String placeholder, String coverage, List<UnreadableItem> unreadable, List<SilenceRow> rows, boolean alertsComplete) {
    }

    /**
     * What a build reads: both coverages and the very listing objects they use. A state that changes none of them (a
     * replica's or a peer's status refresh) needs no new rows.
     */
    record Inputs(Coverage silences, Coverage alerts, List<Object> listings) {
        static Inputs of(StackState state, java.time.Instant now) {
            Coverage s = state.silenceCoverage(now);
            Coverage a = state.alertCoverage(now);
            List<Object> listings = new java.util.ArrayList<>();
            s.used().forEach(peer -> listings.add(state.silences().get(peer).value().orElse(null)));
            a.used().forEach(peer -> listings.add(state.alerts().get(peer).value().orElse(null)));
            return new Inputs(s, a, listings);
        }

        boolean sameAs(Inputs other) {
            if (other == null || !silences.equals(other.silences) || !alerts.equals(other.alerts) || listings.size() != other.listings.size()) {
                return false;
            }
            for (int i = 0; i < listings.size(); i++) {
                if (listings.get(i) != other.listings.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The inputs of the last build started (FX thread only). */
    private Inputs built;

    private void update(StackState state) {
        if (state == null) {
            built = null;
            rows.clear();
            unreadable.clear();
            placeholder.set("Not connected.");
            coverage.set("");
            return;
        }
        // Deduplicating the alerts and counting what each silence matches is heavy at 10,000 of each: off the FX
        // thread, one build at a time, the newest state next.
        if (!building.compareAndSet(false, true)) {
            dirty = true;
            return;
        }
        Inputs inputs = Inputs.of(state, clock.instant());
        if (inputs.sameAs(built)) {
            building.set(false);
            return;
        }
        built = inputs;
        session.tasks().run(() -> build(state, clock.instant())).onSuccess(this::show).andFinally(() -> {
            building.set(false);
            if (dirty) {
                dirty = false;
                update(session.stateProperty().get());
            }
        }).start();
    }

    /** Rows of the peers' silences that may be used now, each with how many alerts it matches. Pure. */
    static Built build(StackState state, java.time.Instant now) {
        Coverage c = state.silenceCoverage(now);
        String placeholder = switch (c.kind()) {
            case UNKNOWN -> Character.toUpperCase(c.sentence().charAt(0)) + c.sentence().substring(1) + ".";
            case PENDING -> "Waiting for the first answer of the Alertmanagers…";
            default -> "No silences.";
        };
        String coverage = c.known() && c.kind() != Coverage.Kind.COMPLETE ? Character.toUpperCase(c.sentence().charAt(0))
                + c.sentence().substring(1) + "." : "";
        List<UnreadableItem> odd = c.known() ? state.unreadableSilences(c) : List.of();
        // How many alerts each silence matches now: from the alerts of the peers that answered; unknown ("—") otherwise.
        Coverage alertCoverage = state.alertCoverage(now);
        io.promdeck.app.alertmanager.AlertIndex alerts = alertCoverage.known()
                ? new io.promdeck.app.alertmanager.AlertIndex(state.dedupedAlerts(alertCoverage).stream().map(a -> a.alert().labels()).toList()) : null;
        List<SilenceRow> next = (c.known() ? state.mergedSilences(c) : List.<io.promdeck.app.alertmanager.Silence>of()).stream()
                .map(s -> SilenceRow.of(s, alerts))
                .sorted(Comparator.comparing((SilenceRow r) -> order(r.silence().state())).thenComparing(r -> r.silence().endsAt(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return new Built(placeholder, coverage, odd, next, alertCoverage.kind() == Coverage.Kind.COMPLETE);
    }

    private void show(Built built) {
        if (session.stateProperty().get() == null) {
            return;
        }
        placeholder.set(built.placeholder());
        coverage.set(built.coverage());
        if (!built.unreadable().equals(unreadable)) {
            unreadable.setAll(built.unreadable());
        }
        List<SilenceRow> next = built.rows();
        if (!next.equals(rows)) {
            io.promdeck.ui.common.Rows.update(rows, next, r -> r.silence().id());
        }
        if (built.alertsComplete() && !expireWhenClear.isEmpty()) {
            for (SilenceRow row : next) {
                if (expireWhenClear.contains(row.silence().id()) && row.silence().state() == SilenceState.ACTIVE && "0".equals(row.matching())) {
                    expireWhenClear.remove(row.silence().id());
                    expireAll(List.of(row), "no alert matches it any more");
                }
            }
        }
    }

    /** The rows the table shows: all silences, narrowed by the filter. */
    public javafx.collections.transformation.FilteredList<SilenceRow> shown() {
        return filtered;
    }

    /** Text the shown silences must contain (matchers, comment, author or state). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Ids of silences that expire by themselves once no alert matches them. */
    public javafx.collections.ObservableSet<String> expireWhenClear() {
        return expireWhenClear;
    }

    /** Several silences expired one after the other, each confirmed on every peer; the result counts them. */
    public void expireAll(List<SilenceRow> selected, String why) {
        List<SilenceRow> chosen = List.copyOf(selected);
        result.set("Expiring " + chosen.size() + (chosen.size() == 1 ? " silence…" : " silences…"));
        session.tasks().run(() -> {
            List<String> lines = new java.util.ArrayList<>();
            int confirmed = 0;
            for (SilenceRow row : chosen) {
                try {
                    var outcome = service().expire(row.silence().id(), SilenceService.DEFAULT_CONFIRM_WITHIN);
                    confirmed += outcome.confirmedEverywhere() ? 1 : 0;
                    lines.add(row.matchers() + ": " + outcome.summary());
                    session.audit().record("silence.expire", row.silence().id(), outcome.summary(), java.util.Map.of("matchers", row.matchers(),
                            "why", why));
                } catch (RuntimeException e) {
                    lines.add(row.matchers() + ": " + io.promdeck.ui.common.DialogService.sentence(e));
                    session.audit().record("silence.expire", row.silence().id(), "failed: " + io.promdeck.ui.common.DialogService.sentence(e),
                            java.util.Map.of());
                }
            }
            return (chosen.size() == 1 ? "Expired: " + lines.get(0).substring(lines.get(0).indexOf(": ") + 2)
                    : "Expired " + confirmed + "/" + chosen.size() + " silences on every peer") + (why.isEmpty() ? "" : " (" + why + ")")
                    + (chosen.size() == 1 ? "" : "\n" + String.join("\n", lines));
        }).onSuccess(text -> {
            result.set(text);
            session.refreshNow();
        }).onError(e -> result.set(io.promdeck.ui.common.DialogService.sentence(e))).start();
    }

    /** The silences in amtool's JSON format ({@code amtool silence import} reads it). */
    public static String export(List<SilenceRow> selected) {
        return io.promdeck.app.alertmanager.SilenceExport.write(selected.stream().map(SilenceRow::silence).toList());
    }

    /** Writes the silences to {@code file} in amtool's JSON (off the FX thread). */
    public void exportTo(java.nio.file.Path file, List<SilenceRow> selected) {
        String json = export(selected);
        session.tasks().run(() -> java.nio.file.Files.writeString(file, json)).onSuccess(p -> result.set("Exported " + selected.size()
                + " silences to " + file)).onError(e -> result.set("Could not write " + file + ": " + e.getMessage())).start();
    }

    /** Reads {@code file} (off the FX thread) and imports its silences. */
    public void importFrom(java.nio.file.Path file) {
        session.tasks().run(() -> java.nio.file.Files.readString(file)).onSuccess(this::importSilences)
                .onError(e -> result.set("Could not read " + file + ": " + e.getMessage())).start();
    }

    /** Creates the silences of an amtool JSON file, each confirmed on every peer; what was refused is said. */
    public void importSilences(String json) {
        StackSession current = session.sessionProperty().get();
        String user = current == null ? System.getProperty("user.name", "") : current.userName();
        var parsed = io.promdeck.app.alertmanager.SilenceExport.read(json, user, clock.instant());
        if (parsed.drafts().isEmpty()) {
            result.set("Nothing imported: " + (parsed.problems().isEmpty() ? "the file holds no silence" : String.join("; ", parsed.problems())));
            return;
        }
        result.set("Importing " + parsed.drafts().size() + " silences…");
        session.tasks().run(() -> {
            int confirmed = 0;
            for (var draft : parsed.drafts()) {
                var outcome = service().save(draft, SilenceService.DEFAULT_CONFIRM_WITHIN);
                confirmed += outcome.confirmedEverywhere() ? 1 : 0;
                session.audit().record("silence.import", outcome.silenceId(), outcome.summary(), java.util.Map.of("matchers",
                        io.promdeck.app.alertmanager.Matchers.print(draft.matchers())));
            }
            return "Imported " + confirmed + "/" + parsed.drafts().size() + " silences, confirmed on every peer"
                    + (parsed.problems().isEmpty() ? "" : "; not imported: " + String.join("; ", parsed.problems()));
        }).onSuccess(text -> {
            result.set(text);
            session.refreshNow();
        }).onError(e -> result.set(io.promdeck.ui.common.DialogService.sentence(e))).start();
    }

    private static int order(SilenceState state) {
        return switch (state) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case EXPIRED -> 2;
            case UNKNOWN -> 3;
        };
    }

    public ObservableList<SilenceRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result;
    }

    /** What the empty table says: "No silences." only when the peers really said so. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder;
    }

    /** Which peers the list comes from when not all answered, or how old it is; empty when all answered. */
    public ReadOnlyStringProperty coverageProperty() {
        return coverage;
    }

    public ObservableList<UnreadableItem> unreadable() {
        return unreadable;
    }

    /** The form for a new silence (prefilled matchers) or an edit (the silence's draft). */
    public SilenceFormModel form(String matchers, SilenceDraft existing) {
        StackSession current = session.sessionProperty().get();
        String user = current == null ? System.getProperty("user.name", "") : current.userName();
        SilenceFormModel form = new SilenceFormModel(session.tasks(), this::service, this::alerts, this::syntax, clock, user, existing);
        form.audit(session.audit());
        if (existing == null && matchers != null) {
            form.matchersProperty().set(matchers);
        }
        return form;
    }

    private List<DedupedAlert> alerts() {
        StackState state = session.stateProperty().get();
        return state == null ? List.of() : state.dedupedAlerts(clock.instant());
    }

    private io.promdeck.app.alertmanager.MatcherSyntax syntax() {
        StackState state = session.stateProperty().get();
        return (state == null ? io.promdeck.app.alertmanager.AlertmanagerDialect.DEFAULT : state.alertmanagerDialect()).syntax();
    }

    private SilenceService service() {
        StackSession current = session.sessionProperty().get();
        if (current == null) {
            throw new IllegalStateException("Not connected to a stack.");
        }
        return new SilenceService(current.monitor().peers(), clock);
    }

    /** Expires a silence and waits until every peer shows it expired. */
    public void expire(SilenceRow row) {
        result.set("Expiring…");
        session.tasks().run(() -> service().expire(row.silence().id(), SilenceService.DEFAULT_CONFIRM_WITHIN))
                .onSuccess(outcome -> {
                    result.set("Expired: " + outcome.summary());
                    session.audit().record("silence.expire", row.silence().id(), outcome.summary(), java.util.Map.of("matchers",
                            io.promdeck.app.alertmanager.Matchers.print(row.silence().matchers())));
                    session.refreshNow();
                })
                .onError(e -> {
                    result.set(io.promdeck.ui.common.DialogService.sentence(e));
                    session.audit().record("silence.expire", row.silence().id(), "failed: " + result.get(), java.util.Map.of());
                })
                .start();
    }

    /**
     * The amtool command that creates this silence again (with its matchers, author, comment and end), or expires it,
     * against the session's first Alertmanager; empty without a session.
     */
    public java.util.Optional<String> amtool(io.promdeck.app.alertmanager.Silence silence, boolean expire) {
        StackSession current = session.sessionProperty().get();
        if (current == null || current.monitor().endpoints().of(io.promdeck.app.cluster.Component.ALERTMANAGER).isEmpty()) {
            return java.util.Optional.empty();
        }
        io.promdeck.app.http.Transport transport = current.monitor().endpoints().of(io.promdeck.app.cluster.Component.ALERTMANAGER).get(0).transport();
        java.util.List<String> arguments = expire ? java.util.List.of("silence", "expire", silence.id())
                : io.promdeck.app.http.CopyAs.silenceAdd(silence.matchers().stream().map(Object::toString).toList(), silence.createdBy(),
                        silence.comment(), silence.endsAt());
        return java.util.Optional.of(io.promdeck.app.http.CopyAs.amtool(transport,
                current.connection().map(c -> c.context().name()).orElse(""), arguments));
    }
}
