package io.promdeck.ui.audit;

import io.promdeck.app.audit.AuditEntry;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.ui.common.Formats;
import io.promdeck.ui.common.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Audit panel: every action the console took, read from the audit log (it survives restarts) and followed as
 * entries are appended; filtered by any word of the time, who, where, action, target or outcome.
 */
public final class AuditViewModel {

    /** One entry as listed. */
    public record Row(AuditEntry entry, String time, String who, String where, String action, String target, String outcome) {
        static Row of(AuditEntry e) {
            return new Row(e, Formats.time(e.at()), e.who(), e.where(), e.action(), e.target(), e.outcome());
        }

        boolean matches(String filter) {
            if (filter.isBlank()) {
                return true;
            }
            String all = String.join(" ", time, who, where, action, target, outcome).toLowerCase(Locale.ROOT);
            for (String word : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                if (!all.contains(word)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Optional<AuditLog> log;
    private final Tasks tasks;
    private final ObservableList<Row> all = FXCollections.observableArrayList();
    private final FilteredList<Row> shown = new FilteredList<>(all, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");

    public AuditViewModel(Optional<AuditLog> log, Tasks tasks) {
        this.log = log;
        this.tasks = tasks;
        filter.addListener((obs, old, now) -> shown.setPredicate(r -> r.matches(now == null ? "" : now)));
        log.ifPresentOrElse(l -> l.addListener(entry -> tasks.ui().execute(() -> {
            all.add(0, Row.of(entry));
            updateStatus(0);
        })), () -> status.set("No audit log: the settings folder is not writable."));
    }

    /** Reads the whole log again (newest first). */
    public void load() {
        if (log.isEmpty()) {
            return;
        }
        status.set("Reading " + log.get().file() + "…");
        tasks.run(() -> log.get().read()).onSuccess(contents -> {
            List<Row> rows = new ArrayList<>();
            contents.entries().forEach(e -> rows.add(0, Row.of(e)));
            all.setAll(rows);
            updateStatus(contents.unreadable());
        }).onError(e -> status.set("The audit log could not be read: " + e.getMessage())).start();
    }

    private void updateStatus(int unreadable) {
        status.set(all.size() + (all.size() == 1 ? " action" : " actions") + " recorded in " + log.map(AuditLog::file).map(Object::toString).orElse("")
                + (unreadable > 0 ? " — " + unreadable + " line(s) could not be read and are not listed" : ""));
    }

    /** Everything about one entry, its details (a config's diff among them) in full. */
    public static String details(AuditEntry e) {
        StringBuilder out = new StringBuilder();
        out.append(e.action()).append(" on ").append(e.target()).append('\n');
        out.append("at ").append(e.at()).append(" by ").append(e.who()).append(e.where().isEmpty() ? "" : " on " + e.where()).append('\n');
        out.append("outcome: ").append(e.outcome()).append('\n');
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            out.append('\n').append(d.getKey()).append(d.getValue().contains("\n") ? ":\n" : ": ").append(d.getValue()).append('\n');
        }
        return out.toString();
    }

    public ObservableList<Row> rows() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
