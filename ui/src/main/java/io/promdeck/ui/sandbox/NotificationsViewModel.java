package io.promdeck.ui.sandbox;

import io.promdeck.app.sandbox.Notification;
import io.promdeck.app.sandbox.NotificationReceiver;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The notifications the console's receiver got from the local stack's Alertmanagers, newest first: who sent each,
 * for which group, which alerts, firing or resolved, and whether the receiver took it — exactly what a real receiver
 * would have been sent, once per group and not once per peer.
 */
public final class NotificationsViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One notification as a table row. */
    public record NotificationRow(Notification notification, String time, String sender, String status, String group, String alerts,
            String answer) {

        static NotificationRow of(Notification n) {
            if (!n.readable()) {
                return new NotificationRow(n, TIME.format(n.receivedAt()), "", "unreadable", "", n.problem(), "HTTP " + n.answer());
            }
            String names = n.alerts().stream().map(Notification.Item::name).distinct().collect(Collectors.joining(", "));
            return new NotificationRow(n, TIME.format(n.receivedAt()), n.sender(), n.status(), labels(n.groupLabels()),
                    n.alerts().size() + (n.alerts().size() == 1 ? " alert: " : " alerts: ") + names
                            + (n.truncated() > 0 ? " (+" + n.truncated() + " left out)" : ""),
                    n.delivered() ? "taken (HTTP " + n.answer() + ")" : "refused (HTTP " + n.answer() + ")");
        }
    }

    private final LocalStackModel model;
    private final ObservableList<NotificationRow> rows = FXCollections.observableArrayList();

    public NotificationsViewModel(LocalStackModel model) {
        this.model = model;
        model.notifications().addListener((ListChangeListener<Notification>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        List<NotificationRow> next = new ArrayList<>();
        List<Notification> all = model.notifications();
        for (int i = all.size() - 1; i >= 0; i--) {
            next.add(NotificationRow.of(all.get(i)));
        }
        rows.setAll(next);
    }

    public ObservableList<NotificationRow> rows() {
        return rows;
    }

    /** Where the receiver listens and what it got; or why this console gets nothing. */
    public StringBinding header() {
        return Bindings.createStringBinding(() -> {
            NotificationReceiver receiver = model.receiverProperty().get();
            if (!model.receiverProblemProperty().get().isEmpty()) {
                return model.receiverProblemProperty().get();
            }
            if (receiver == null) {
                return "No local stack is open: its Alertmanagers' notifications are listed here when one is.";
            }
            long refused = model.notifications().stream().filter(n -> !n.delivered()).count();
            long groups = model.notifications().stream().filter(Notification::readable).map(Notification::groupKey).distinct().count();
            return "Receiver " + receiver.url() + " — " + model.notifications().size() + " notifications for " + groups
                    + (groups == 1 ? " group" : " groups") + (refused > 0 ? ", " + refused + " refused" : "")
                    + (model.webhookFailingProperty().get() ? ". The webhook-fails drill is on: every notification is answered HTTP 500." : ".");
        }, model.receiverProperty(), model.receiverProblemProperty(), model.notifications(), model.webhookFailingProperty());
    }

    /** The alerts of one notification, one per line with their labels and times. */
    public static String details(Notification n) {
        if (!n.readable()) {
            return "This body could not be read: " + n.problem();
        }
        StringBuilder out = new StringBuilder();
        out.append(n.status()).append(" notification from ").append(n.sender()).append(" to receiver ").append(n.receiver()).append('\n');
        out.append("group ").append(n.groupKey()).append('\n');
        for (Notification.Item item : n.alerts()) {
            out.append("• ").append(item.name()).append(' ').append(labels(item.labels())).append(" — ").append(item.status());
            if (item.startsAt() != null) {
                out.append(", since ").append(TIME.format(item.startsAt()));
            }
            if ("resolved".equals(item.status()) && item.endsAt() != null) {
                out.append(", resolved ").append(TIME.format(item.endsAt()));
            }
            String summary = item.annotations().getOrDefault("summary", "");
            if (!summary.isEmpty()) {
                out.append("\n    ").append(summary);
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
