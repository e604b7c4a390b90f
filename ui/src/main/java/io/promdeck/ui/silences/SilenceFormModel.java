package io.promdeck.ui.silences;

import io.promdeck.app.alertmanager.DedupedAlert;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.MatcherSyntax;
import io.promdeck.app.alertmanager.MatcherSyntaxException;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.SilenceDraft;
import io.promdeck.app.alertmanager.SilenceOutcome;
import io.promdeck.app.alertmanager.SilenceService;
import io.promdeck.ui.common.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The silence form: matchers validated as typed (Alertmanager's syntax and RE2), a live preview of the alerts they
 * match, a duration or an end time, creator and a required comment. Nothing is sent while anything is wrong.
 */
public final class SilenceFormModel {

    public static final List<String> PRESETS = List.of("1h", "2h", "4h", "8h", "1d", "3d", "1w");
    static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Tasks tasks;
    private final Supplier<SilenceService> service;
    private final Supplier<List<DedupedAlert>> alerts;
    private final Supplier<MatcherSyntax> syntax;
    private final Clock clock;
    private final String existingId;
    private final Instant existingStart;

    private final StringProperty matchers = new SimpleStringProperty("");
    private final StringProperty matchersError = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("2h");
    private final StringProperty endTime = new SimpleStringProperty("");
    private final StringProperty endError = new SimpleStringProperty("");
    private final StringProperty creator = new SimpleStringProperty("");
    private final StringProperty comment = new SimpleStringProperty("");
    private final StringProperty problems = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final ObservableList<String> previewAlerts = FXCollections.observableArrayList();
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty done = new SimpleBooleanProperty(false);

    /**
     * @param syntax the matcher syntax of the stack's Alertmanagers (their version decides what they accept)
     */
    private io.promdeck.ui.session.AuditTrail audit = io.promdeck.ui.session.AuditTrail.none();

    public SilenceFormModel(Tasks tasks, Supplier<SilenceService> service, Supplier<List<DedupedAlert>> alerts, Supplier<MatcherSyntax> syntax,
            Clock clock, String creatorName, SilenceDraft existing) {
        this.tasks = tasks;
        this.service = service;
        this.alerts = alerts;
        this.syntax = syntax;
        this.clock = clock;
        this.existingId = existing == null ? null : existing.id();
        this.existingStart = existing == null ? null : existing.startsAt();
        creator.set(creatorName);
        if (existing != null) {
            matchers.set(Matchers.print(existing.matchers()));
            comment.set(existing.comment());
            creator.set(existing.createdBy());
            endTime.set(END.format(LocalDateTime.ofInstant(existing.endsAt(), ZoneId.systemDefault())));
            duration.set("");
        }
        for (StringProperty p : List.of(matchers, duration, endTime, creator, comment)) {
            p.addListener((obs, old, now) -> validate());
        }
        validate();
    }

    /** Re-evaluates everything; cheap enough to run on each keystroke (the preview is a local filter). */
    void validate() {
        List<Matcher> parsed = List.of();
        try {
            parsed = syntax.get().parse(matchers.get());
            matchersError.set(parsed.isEmpty() ? "Add at least one matcher, e.g. alertname=\"DiskFull\"" : "");
        } catch (MatcherSyntaxException e) {
            matchersError.set(e.getMessage());
            parsed = null;
        }
        Instant end = end();
        SilenceDraft draft = draft(parsed == null ? List.of() : parsed, end);
        List<SilenceDraft.Problem> list = draft.problems(clock.instant());
        if (parsed != null && !parsed.isEmpty()) {
            list.stream().filter(p -> p.field() == SilenceDraft.Field.MATCHERS).findFirst().ifPresent(p -> matchersError.set(p.message()));
            List<Matcher> finalParsed = parsed;
            List<String> matching = alerts.get().stream().filter(a -> Matchers.allMatch(finalParsed, a.alert().labels()))
                    .map(a -> a.alert().name() + " " + a.alert().labels()).sorted().toList();
            previewAlerts.setAll(matching.subList(0, Math.min(200, matching.size())));
            preview.set(matching.size() + (matching.size() == 1 ? " alert matches" : " alerts match"));
        } else {
            previewAlerts.clear();
            preview.set("");
        }
        problems.set(String.join("\n", list.stream().filter(p -> p.field() != SilenceDraft.Field.MATCHERS).map(SilenceDraft.Problem::message).toList()));
        valid.set(parsed != null && list.isEmpty() && endError.get().isEmpty());
    }

    private Instant end() {
        Instant start = existingStart != null && existingStart.isAfter(clock.instant()) ? existingStart : clock.instant();
        endError.set("");
        String text = endTime.get() == null ? "" : endTime.get().strip();
        if (!text.isEmpty()) {
            try {
                return LocalDateTime.parse(text, END).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                endError.set("Write the end as yyyy-MM-dd HH:mm, e.g. " + END.format(LocalDateTime.now(clock).plusHours(2)));
                return null;
            }
        }
        return io.promdeck.app.install.ParameterCheck.parseDuration(duration.get()).map(start::plus).orElse(null);
    }

    private SilenceDraft draft(List<Matcher> parsed, Instant end) {
        Instant start = existingStart != null ? existingStart : clock.instant();
        return new SilenceDraft(existingId, parsed, start, end, creator.get(), comment.get());
    }

    /** Sends the silence and waits for it on every peer; the result says "confirmed on 3/3 peers" or who lacks it. */
    public void save() {
        validate();
        if (!valid.get() || busy.get()) {
            return;
        }
        SilenceDraft draft = draft(syntax.get().parse(matchers.get()), end());
        busy.set(true);
        result.set("Sending…");
        String action = existingId != null ? "silence.edit" : "silence.create";
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("matchers", matchers.get());
        details.put("ends", draft.endsAt().toString());
        details.put("created by", draft.createdBy());
        details.put("comment", draft.comment());
        if (existingId != null) {
            details.put("replaces", existingId);
        }
        tasks.run(() -> service.get().save(draft, SilenceService.DEFAULT_CONFIRM_WITHIN))
                .onSuccess(outcome -> {
                    result.set(outcome instanceof SilenceOutcome.Done d ? "Silence " + d.silenceId().substring(0, 8) + "… " + d.confirmation()
                            : outcome.summary());
                    done.set(outcome instanceof SilenceOutcome.Done);
                    audit.record(action, matchers.get(), result.get(), details);
                })
                .onError(e -> {
                    result.set(io.promdeck.ui.common.DialogService.sentence(e));
                    audit.record(action, matchers.get(), "failed: " + result.get(), details);
                })
                .andFinally(() -> busy.set(false))
                .start();
    }

    /** Where a sent silence is recorded (the session's audit trail; none in tests that do not look). */
    public void audit(io.promdeck.ui.session.AuditTrail trail) {
        this.audit = trail;
    }

    public boolean editing() {
        return existingId != null;
    }

    public StringProperty matchersProperty() {
        return matchers;
    }

    public ReadOnlyStringProperty matchersErrorProperty() {
        return matchersError;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty endTimeProperty() {
        return endTime;
    }

    public ReadOnlyStringProperty endErrorProperty() {
        return endError;
    }

    public StringProperty creatorProperty() {
        return creator;
    }

    public StringProperty commentProperty() {
        return comment;
    }

    public ReadOnlyStringProperty problemsProperty() {
        return problems;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview;
    }

    public ObservableList<String> previewAlerts() {
        return previewAlerts;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done;
    }

    static Duration presetDuration(String preset) {
        return io.promdeck.app.install.ParameterCheck.parseDuration(preset).orElse(Duration.ofHours(2));
    }
}
