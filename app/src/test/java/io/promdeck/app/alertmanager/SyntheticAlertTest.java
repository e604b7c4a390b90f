package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticAlertTest {

    @Test
    void countersAreSummedOverTheIntegrationsSeriesOnly() {
        String exposition = """
                # HELP alertmanager_notifications_total The total number of attempted notifications.
                # TYPE alertmanager_notifications_total counter
                alertmanager_notifications_total{integration="email"} 7
                alertmanager_notifications_total{integration="webhook"} 3
                alertmanager_notification_requests_total{integration="webhook"} 4
                alertmanager_notifications_failed_total{integration="webhook",reason="clientError"} 1
                alertmanager_notifications_failed_total{integration="webhook",reason="serverError"} 2
                alertmanager_notifications_failed_total{integration="webhook",reason="other"} garbage
                alertmanager_notifications_total_other{integration="webhook"} 100
                """;

        assertThat(SyntheticAlert.counter(exposition, "alertmanager_notifications_total", "webhook")).isEqualTo(3);
        assertThat(SyntheticAlert.counter(exposition, "alertmanager_notifications_failed_total", "webhook")).isEqualTo(3);
        assertThat(SyntheticAlert.counter(exposition, "alertmanager_notifications_total", "slack")).isZero();
    }

    @Test
    void aSuccessIsBelievedOnlyWhenTheNextReadingStillShowsIt() {
        // A reading taken between Alertmanager counting a request and counting its failure shows a success.
        assertThat(SyntheticAlert.judge(1, 0, false)).isEqualTo(SyntheticAlert.Reading.SUCCESS_UNCONFIRMED);
        // The next reading has the failure: the request failed.
        assertThat(SyntheticAlert.judge(1, 1, true)).isEqualTo(SyntheticAlert.Reading.FAILED);
        // A real success stays a success.
        assertThat(SyntheticAlert.judge(1, 0, true)).isEqualTo(SyntheticAlert.Reading.DELIVERED);
        // A retry that succeeded after failed attempts is delivered, once confirmed.
        assertThat(SyntheticAlert.judge(3, 2, false)).isEqualTo(SyntheticAlert.Reading.SUCCESS_UNCONFIRMED);
        assertThat(SyntheticAlert.judge(3, 2, true)).isEqualTo(SyntheticAlert.Reading.DELIVERED);
        assertThat(SyntheticAlert.judge(0, 0, true)).isEqualTo(SyntheticAlert.Reading.NOTHING);
    }
}
