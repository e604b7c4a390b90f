package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.http.CallError;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The streaming alerts reader: Alertmanager's shape read in full, anything else a typed malformed reply. */
class AlertStreamReaderTest {

    private static final TestHttpServer SERVER = new TestHttpServer();
    private static final AlertmanagerClient CLIENT =
            new AlertmanagerClient(new ComponentApi(new DirectTransport(HttpClients.defaults().build(), SERVER.url())));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void readsEveryFieldAndSkipsUnknownOnes() {
        SERVER.answer("/api/v2/alerts", Reply.json("""
                [{"annotations":{"summary":"s"},"endsAt":"2026-11-22T12:00:00.000Z","fingerprint":"abc","receivers":[{"name":"hook"}],
                  "startsAt":"2026-11-22T10:00:00.000Z","status":{"inhibitedBy":[],"silencedBy":["s1"],"state":"suppressed","extra":{"x":1}},
                  "updatedAt":"2026-11-22T10:00:01.000Z","generatorURL":"http://p/graph","labels":{"alertname":"A","severity":"critical"},
                  "future":[1,2,{"y":null}]}]"""));

        Alert alert = CLIENT.alerts().orElseThrow().items().get(0);

        assertThat(alert.fingerprint()).isEqualTo("abc");
        assertThat(alert.labels()).containsEntry("alertname", "A").containsEntry("severity", "critical");
        assertThat(alert.state()).isEqualTo(AlertState.SUPPRESSED);
        assertThat(alert.silencedBy()).containsExactly("s1");
        assertThat(alert.receivers()).containsExactly("hook");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(alert.generatorUrl()).isEqualTo("http://p/graph");
    }

    @Test
    void aReplyThatIsNotAListOfAlertsIsMalformed() {
        for (String body : new String[] {"{\"not\":\"an array\"}", "[{\"fingerprint\":\"a\",", "[] []", "null"}) {
            SERVER.answer("/api/v2/alerts", Reply.json(body));

            assertThat(CLIENT.alerts().failure()).as(body).get().isInstanceOf(CallError.Malformed.class);
        }
    }

    @Test
    void anAlertPromdeckCannotReadIsKeptApartAndTheOthersStillCount() {
        String good = "{\"fingerprint\":\"ok1\",\"labels\":{\"alertname\":\"A\"},\"status\":{\"state\":\"active\"}}";
        String huge = "x".repeat(70_000);
        for (String odd : new String[] {"{\"fingerprint\":1,\"status\":{\"state\":\"active\"}}",
                "{\"fingerprint\":\"n\",\"labels\":{\"x\":2},\"status\":{\"state\":\"active\"}}",
                "{\"fingerprint\":\"m\"}",
                "{\"fingerprint\":\"t\",\"startsAt\":\"yesterday\",\"status\":{\"state\":\"active\"}}",
                "{\"fingerprint\":\"d\",\"labels\":{\"a\":{\"deep\":[1,{\"x\":[]}]}},\"status\":{\"state\":\"active\"}}",
                "{\"fingerprint\":\"h\",\"annotations\":{\"description\":\"" + huge + "\"},\"status\":{\"state\":\"active\"}}",
                "[1,2]", "\"just text\""}) {
            SERVER.answer("/api/v2/alerts", Reply.json("[" + good + "," + odd + "," + good.replace("ok1", "ok2") + "]"));

            Listing<Alert> listing = CLIENT.alerts().orElseThrow();

            assertThat(listing.items()).as(odd).extracting(Alert::fingerprint).containsExactly("ok1", "ok2");
            assertThat(listing.unreadable()).as(odd).singleElement().satisfies(item -> {
                assertThat(item.kind()).isEqualTo("alert");
                assertThat(item.reason()).isNotBlank().doesNotContain("java.", "Exception");
                assertThat(odd).startsWith(item.raw().length() < 100 ? item.raw() : item.raw().substring(0, 100));
            });
        }
    }
}
