package io.promdeck.ui.operator;

import io.promdeck.app.live.StackState;
import io.promdeck.app.operator.OperatorResources;
import io.promdeck.app.operator.OperatorView;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.session.SessionModel;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Operator panel of a stack run by prometheus-operator: its resources in one sentence, the targets of each monitor
 * and the rules of each PrometheusRule, from the replicas' fresh answers (pure functions in {@link OperatorView}).
 */
public final class OperatorViewModel {

    /** One monitor as the table lists it. */
    public record MonitorLine(String kind, String name, String pools, String targets, String problem) {
    }

    /** One rule as the table lists it. */
    public record RuleLine(String resource, String group, String rule, String replica, String health, String lastError, int firing) {
        public boolean failing() {
            return "err".equals(health) || "not loaded".equals(health);
        }
    }

    private final SessionModel session;
    private final ObservableList<MonitorLine> monitors = FXCollections.observableArrayList();
    private final ObservableList<RuleLine> rules = FXCollections.observableArrayList();
    private final SimpleStringProperty summary = new SimpleStringProperty("");
    private final SimpleBooleanProperty operatorRun = new SimpleBooleanProperty(false);

    public OperatorViewModel(SessionModel session) {
        this.session = session;
        session.sessionProperty().addListener((obs, old, now) -> update(now, session.stateProperty().get()));
        session.stateProperty().addListener((obs, old, state) -> update(session.sessionProperty().get(), state));
    }

    void update(StackSession current, StackState state) {
        Optional<OperatorResources.Reading> reading = current == null ? Optional.empty() : current.operator();
        operatorRun.set(reading.filter(r -> !(r instanceof OperatorResources.NotInstalled)).isPresent());
        summary.set(reading.map(OperatorResources::describe).orElse("This stack is not run by prometheus-operator."));
        if (reading.isEmpty() || !(reading.get() instanceof OperatorResources.Read read) || state == null) {
            monitors.clear();
            rules.clear();
            return;
        }
        List<MonitorLine> nextMonitors = lines(read, state);
        if (!nextMonitors.equals(monitors)) {
            monitors.setAll(nextMonitors);
        }
        List<RuleLine> nextRules = new java.util.ArrayList<>(OperatorView.rules(read, state).stream()
                .map(r -> new RuleLine(r.resource().name(), r.group(), r.rule(), r.replica(), r.health(), r.lastError(), r.firing())).toList());
        // A PrometheusRule no Prometheus selects has no rule loaded anywhere: listed with why, not left out.
        read.rules().stream().filter(r -> !r.notSelected().isEmpty())
                .forEach(r -> nextRules.add(new RuleLine(r.name(), String.join(", ", r.groups()), "—", "—", "not loaded", r.notSelected(), 0)));
        if (!nextRules.equals(rules)) {
            rules.setAll(nextRules);
        }
    }

    static List<MonitorLine> lines(OperatorResources.Read read, StackState state) {
        return OperatorView.monitors(read, state).stream().map(row -> new MonitorLine(row.monitor().kind(), row.monitor().name(),
                String.join(", ", row.pools()),
                row.targets().stream().map(t -> t.replica() + ": " + t.up() + " up" + (t.down() > 0 ? ", " + t.down() + " down" : ""))
                        .collect(Collectors.joining(" · "))
                        + (row.unknownOn().isEmpty() ? "" : (row.targets().isEmpty() ? "" : " · ") + String.join(", ", row.unknownOn()) + ": unknown"),
                row.problem().isEmpty() ? "" : row.problem() + (row.targets().stream().flatMap(t -> t.errors().stream()).findFirst()
                        .map(e -> " (" + e + ")").orElse("")))).toList();
    }

    public ObservableList<MonitorLine> monitors() {
        return monitors;
    }

    public ObservableList<RuleLine> rules() {
        return rules;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** Whether the session's stack is run by prometheus-operator (the panel is offered then). */
    public ReadOnlyBooleanProperty operatorRunProperty() {
        return operatorRun;
    }

    SessionModel session() {
        return session;
    }
}
