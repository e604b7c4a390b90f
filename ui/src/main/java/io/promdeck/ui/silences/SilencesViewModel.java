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

    public SilencesViewModel(SessionModel session, Clock clock) {
        this.session = session;
        this.clock = clock;
        session.stateProperty().addListener((obs, old, state) -> update(state));
    }

    private void update(StackState state) {
        if (state == null) {
            rows.clear();
            unreadable.clear();
            placeholder.set("Not connected.");
            coverage.set("");
            return;
        }
        Coverage c = state.silenceCoverage(clock.instant());
        placeholder.set(switch (c.kind()) {
            case UNKNOWN -> Character.toUpperCase(c.sentence().charAt(0)) + c.sentence().substring(1) + ".";
            case PENDING -> "Waiting for the first answer of the Alertmanagers…";
            default -> "No silences.";
        });
        coverage.set(c.known() && c.kind() != Coverage.Kind.COMPLETE ? Character.toUpperCase(c.sentence().charAt(0))
                + c.sentence().substring(1) + "." : "");
        List<UnreadableItem> odd = c.known() ? state.unreadableSilences(c) : List.of();
        if (!odd.equals(unreadable)) {
            unreadable.setAll(odd);
        }
        List<SilenceRow> next = (c.known() ? state.mergedSilences(c) : List.<io.promdeck.app.alertmanager.Silence>of()).stream().map(SilenceRow::of)
                .sorted(Comparator.comparing((SilenceRow r) -> order(r.silence().state())).thenComparing(r -> r.silence().endsAt(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (!next.equals(rows)) {
            io.promdeck.ui.common.Rows.update(rows, next, r -> r.silence().id());
        }
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
}
