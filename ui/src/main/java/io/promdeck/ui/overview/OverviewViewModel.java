package io.promdeck.ui.overview;

import io.promdeck.app.doctor.Diagnosis;
import io.promdeck.app.doctor.Doctor;
import io.promdeck.app.doctor.Finding;
import io.promdeck.app.doctor.Verdict;
import io.promdeck.app.live.Coverage;
import io.promdeck.app.live.StackState;
import io.promdeck.ui.session.SessionModel;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview: the HA doctor's diagnosis of the live state as a picture of the stack and a list of findings, worst
 * first, with one sentence on top that says "healthy" or what is wrong. The doctor runs off the FX thread; an unchanged
 * diagnosis leaves the screen alone. Selecting a node shows its findings; selecting a finding, its evidence.
 */
public final class OverviewViewModel {

    /** What the Overview shows for one diagnosis. */
    public record Model(Diagnosis diagnosis, Picture picture, String headline, Verdict verdict, String alerts) {
    }

    private final SessionModel session;
    private final ObjectProperty<Model> model = new SimpleObjectProperty<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedNode = new SimpleObjectProperty<>();
    private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>();
    private final StringProperty details = new SimpleStringProperty("");
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile boolean dirty;

    public OverviewViewModel(SessionModel session) {
        this.session = session;
        session.stateProperty().addListener((obs, old, state) -> rebuild());
        selectedNode.addListener((obs, old, node) -> showFindings());
        selectedFinding.addListener((obs, old, finding) -> details.set(finding == null ? "" : describe(finding)));
    }

    private void rebuild() {
        StackState state = session.stateProperty().get();
        if (state == null) {
            model.set(null);
            findings.clear();
            return;
        }
        if (!building.compareAndSet(false, true)) {
            dirty = true;
            return;
        }
        Instant now = session.clock().instant();
        java.util.Optional<io.promdeck.app.operator.OperatorResources.Reading> operator = java.util.Optional.ofNullable(session.sessionProperty().get())
                .flatMap(io.promdeck.app.session.StackSession::operator);
        session.tasks().run(() -> build(state, now, operator)).onSuccess(this::show).andFinally(() -> {
            building.set(false);
            if (dirty) {
                dirty = false;
                rebuild();
            }
        }).start();
    }

    /** The diagnosis, the picture and the sentences for one state. Pure, so it is tested without the toolkit. */
    public static Model build(StackState state, Instant now) {
        return build(state, now, java.util.Optional.empty());
    }

    /** As {@link #build(StackState, Instant)}, with the checks of prometheus-operator's resources when the stack is run by it. */
    public static Model build(StackState state, Instant now, java.util.Optional<io.promdeck.app.operator.OperatorResources.Reading> operator) {
        Diagnosis diagnosis = Doctor.diagnose(state, now, operator);
        return new Model(diagnosis, Picture.of(state, diagnosis), headline(diagnosis), diagnosis.verdict(), alerts(state, now));
    }

    private void show(Model next) {
        Model current = model.get();
        if (current != null && current.diagnosis().findings().equals(next.diagnosis().findings()) && current.picture().equals(next.picture())
                && current.alerts().equals(next.alerts())) {
            return;
        }
        model.set(next);
        showFindings();
        Finding selected = selectedFinding.get();
        if (selected != null) {
            selectedFinding.set(next.diagnosis().finding(selected.id()).orElse(null));
        }
    }

    private void showFindings() {
        Model current = model.get();
        if (current == null) {
            findings.clear();
            return;
        }
        String node = selectedNode.get();
        List<Finding> shown = node == null ? current.diagnosis().findings()
                : current.diagnosis().findings().stream().filter(f -> f.subjects().contains(node)).toList();
        if (!shown.equals(findings)) {
            findings.setAll(shown);
        }
    }

    /** "Healthy: all 14 checks pass", "2 failures: …", one line for the top of the Overview. */
    static String headline(Diagnosis diagnosis) {
        var counts = diagnosis.counts();
        long failures = counts.get(Verdict.FAIL);
        long warnings = counts.get(Verdict.WARN);
        long unknown = counts.get(Verdict.UNKNOWN);
        if (failures == 0 && warnings == 0 && unknown == 0) {
            return "Highly available: all " + counts.get(Verdict.OK) + " checks pass";
        }
        Finding worst = diagnosis.findings().get(0);
        String tally = (failures > 0 ? failures + (failures == 1 ? " failure" : " failures") : "")
                + (warnings > 0 ? (failures > 0 ? ", " : "") + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + (unknown > 0 ? (failures + warnings > 0 ? ", " : "") + unknown + " unknown" : "");
        return (failures > 0 ? "Not highly available — " : "") + tally + ". " + worst.summary();
    }

    /** The number of alerts only when some peer's answer backs it; otherwise why it is unknown. */
    static String alerts(StackState state, Instant now) {
        Coverage coverage = state.alertCoverage(now);
        return switch (coverage.kind()) {
            case COMPLETE -> "✓ Alerts: " + state.dedupedAlerts(coverage).size() + " (deduplicated across " + coverage.used().size()
                    + " peers)";
            case PARTIAL -> "⚠ Alerts: " + state.dedupedAlerts(coverage).size() + " — " + coverage.sentence();
            case STALE -> "⚠ Alerts: " + state.dedupedAlerts(coverage).size() + " — " + coverage.sentence();
            case UNKNOWN -> "✗ Alerts: unknown — " + coverage.sentence().replaceFirst("^alerts unknown: ", "");
            case PENDING -> "… Alerts: waiting for the first answer";
        };
    }

    static String describe(Finding f) {
        StringBuilder out = new StringBuilder();
        out.append(f.verdict().word().toUpperCase(java.util.Locale.ROOT)).append(" — ").append(f.title()).append("\n").append(f.summary()).append("\n");
        if (!f.evidence().isEmpty()) {
            out.append("\nEvidence:\n");
            f.evidence().forEach(e -> out.append("  · ").append(e).append('\n'));
        }
        if (!f.action().isEmpty()) {
            out.append("\nWhat to do: ").append(f.action()).append('\n');
        }
        out.append("\nCheck id: ").append(f.id());
        return out.toString();
    }

    public ReadOnlyObjectProperty<Model> modelProperty() {
        return model;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** The picture's node whose findings are listed (null: all findings). */
    public ObjectProperty<String> selectedNodeProperty() {
        return selectedNode;
    }

    public ObjectProperty<Finding> selectedFindingProperty() {
        return selectedFinding;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details;
    }
}
