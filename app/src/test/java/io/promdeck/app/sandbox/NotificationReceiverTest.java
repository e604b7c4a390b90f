package io.promdeck.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's webhook receiver: a notification that arrives while the stack is still starting is named later. */
class NotificationReceiverTest {

    @TempDir
    Path dir;

    @Test
    void aNotificationReceivedBeforeTheStackWasKnownGetsItsSendersNameWhenItIs() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        NotificationReceiver receiver = NotificationReceiver.start(0, executor, Clock.systemUTC());
        try {
            String body = """
                    {"receiver":"sandbox","status":"firing","externalURL":"http://vm:41234","groupKey":"{}:{alertname=\\"Watchdog\\"}",
                     "groupLabels":{"alertname":"Watchdog"},"truncatedAlerts":0,
                     "alerts":[{"status":"firing","labels":{"alertname":"Watchdog"},"annotations":{},"startsAt":"2026-12-05T10:00:00Z"}]}
                    """;
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(receiver.url()))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(receiver.notifications()).singleElement().satisfies(n -> assertThat(n.sender()).isEqualTo("http://vm:41234"));

            receiver.forStack(dir.resolve(Sandbox.NOTIFICATIONS), port -> port == 41234 ? "alertmanager-1" : null);

            assertThat(receiver.notifications()).singleElement().satisfies(n -> assertThat(n.sender()).isEqualTo("alertmanager-1"));
        } finally {
            receiver.close();
            executor.shutdownNow();
        }
    }
}
