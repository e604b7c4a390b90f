package io.promdeck.ui.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.sandbox.Drill;
import io.promdeck.app.sandbox.Drills;
import io.promdeck.app.sandbox.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a notification and a drill's log line read in the panels: pure, no FX toolkit. */
class NotificationsViewModelTest {

    private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    private static Notification.Item item(String name, String status) {
        return new Notification.Item(status, Map.of("alertname", name, "cluster", "sandbox"), Map.of("summary", name + " summary"),
                AT.minusSeconds(60), "resolved".equals(status) ? AT : null);
    }

    @Test
    void aNotificationRowSaysWhoSentWhatAndWhatTheReceiverAnswered() {
        Notification taken = new Notification(AT, "alertmanager-1", "promdeck-webhooks", "firing", "{}:{alertname=\"Watchdog\"}",
                Map.of("alertname", "Watchdog", "cluster", "sandbox"), List.of(item("Watchdog", "firing")), 0, 200, "");
        NotificationsViewModel.NotificationRow row = NotificationsViewModel.NotificationRow.of(taken);
        assertThat(row.sender()).isEqualTo("alertmanager-1");
        assertThat(row.group()).isEqualTo("{alertname=\"Watchdog\", cluster=\"sandbox\"}");
        assertThat(row.alerts()).isEqualTo("1 alert: Watchdog");
        assertThat(row.answer()).isEqualTo("taken (HTTP 200)");

        Notification refused = new Notification(AT, "alertmanager-0", "promdeck-webhooks", "resolved", "g",
                Map.of("alertname", "X"), List.of(item("X", "resolved"), item("X", "resolved")), 3, 500, "");
        NotificationsViewModel.NotificationRow refusedRow = NotificationsViewModel.NotificationRow.of(refused);
        assertThat(refusedRow.alerts()).isEqualTo("2 alerts: X (+3 left out)");
        assertThat(refusedRow.answer()).isEqualTo("refused (HTTP 500)");
        assertThat(NotificationsViewModel.details(refused)).contains("resolved notification from alertmanager-0 to receiver promdeck-webhooks")
                .contains("• X {alertname=\"X\", cluster=\"sandbox\"} — resolved").contains("X summary");
    }

    @Test
    void anUnreadableBodyIsShownAsSuch() {
        Notification unreadable = new Notification(AT, "", "", "", "", Map.of(), List.of(), 0, 400, "no 'alerts' list");
        NotificationsViewModel.NotificationRow row = NotificationsViewModel.NotificationRow.of(unreadable);
        assertThat(row.status()).isEqualTo("unreadable");
        assertThat(row.alerts()).isEqualTo("no 'alerts' list");
        assertThat(NotificationsViewModel.details(unreadable)).isEqualTo("This body could not be read: no 'alerts' list");
    }

    @Test
    void aLogLineNamesTheDrillAndItsOutcome() {
        DrillsViewModel.LogRow row = DrillsViewModel.LogRow.of(new Drills.Entry(AT, "undo", new Drill(Drill.Kind.FREEZE, "prometheus-1"),
                "resumed prometheus-1"));
        assertThat(row.action()).isEqualTo("undo");
        assertThat(row.drill()).isEqualTo("Freeze (SIGSTOP) prometheus-1");
        assertThat(row.outcome()).isEqualTo("resumed prometheus-1");
    }
}
