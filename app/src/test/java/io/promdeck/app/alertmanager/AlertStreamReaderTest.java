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

    @Test
    void anUnchangedReplyIsThePreviousListingAndOnlyChangedAlertsAreReadAgain() {
        AlertmanagerClient client = new AlertmanagerClient(new ComponentApi(new DirectTransport(HttpClients.defaults().build(), SERVER.url())));
        String a = alert("a", "2026-11-22T10:00:01.000Z");
        String b = alert("b", "2026-11-22T10:00:01.000Z");
        String c = alert("c", "2026-11-22T10:00:01.000Z");
        SERVER.answer("/api/v2/alerts", Reply.json("[" + a + "," + b + "," + c + "]"));
        Listing<Alert> first = client.alerts().orElseThrow();

        assertThat(client.alerts().orElseThrow()).as("the same bytes").isSameAs(first);

        String changed = alert("b", "2026-11-22T10:01:01.000Z");
        SERVER.answer("/api/v2/alerts", Reply.json("[" + a + "," + changed + "," + c + "]"));
        Listing<Alert> second = client.alerts().orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.items().get(0)).isSameAs(first.items().get(0));
        assertThat(second.items().get(1)).isNotSameAs(first.items().get(1));
        assertThat(second.items().get(1).updatedAt()).isEqualTo(Instant.parse("2026-11-22T10:01:01Z"));
        assertThat(second.items().get(1).labels()).as("shares the copy it replaces").isSameAs(first.items().get(1).labels());
        assertThat(second.items().get(2)).isSameAs(first.items().get(2));

        // An alert added before the others and one removed: the rest are still the objects read before, in the new order.
        SERVER.answer("/api/v2/alerts", Reply.json("[" + alert("0", "2026-11-22T10:00:01.000Z") + "," + a + "," + c + "]"));
        Listing<Alert> third = client.alerts().orElseThrow();
        assertThat(third.items()).extracting(Alert::fingerprint).containsExactly("0", "a", "c");
        assertThat(third.items().get(1)).isSameAs(first.items().get(0));
        assertThat(third.items().get(2)).isSameAs(first.items().get(2));

        // The same alerts in another order: the same objects, a new listing (its order is what the reply says).
        SERVER.answer("/api/v2/alerts", Reply.json("[" + c + "," + a + "," + alert("0", "2026-11-22T10:00:01.000Z") + "]"));
        Listing<Alert> reordered = client.alerts().orElseThrow();
        assertThat(reordered).isNotSameAs(third);
        assertThat(reordered.items()).containsExactly(third.items().get(2), third.items().get(1), third.items().get(0));
    }

    @Test
    void aReplyWithAnUnreadableItemIsNeverTakenForThePreviousOne() {
        AlertmanagerClient client = new AlertmanagerClient(new ComponentApi(new DirectTransport(HttpClients.defaults().build(), SERVER.url())));
        String a = alert("a", "2026-11-22T10:00:01.000Z");
        SERVER.answer("/api/v2/alerts", Reply.json("[" + a + "]"));
        Listing<Alert> first = client.alerts().orElseThrow();
        SERVER.answer("/api/v2/alerts", Reply.json("[" + a + ",\"odd\"]"));

        Listing<Alert> second = client.alerts().orElseThrow();

        assertThat(second).isNotSameAs(first);
        assertThat(second.items()).containsExactly(first.items().get(0));
        assertThat(second.unreadable()).hasSize(1);
        SERVER.answer("/api/v2/alerts", Reply.json("[" + a + "]"));
        Listing<Alert> third = client.alerts().orElseThrow();
        assertThat(third).as("the previous reply held an unreadable item").isNotSameAs(second).isNotSameAs(first);
        assertThat(third.unreadable()).isEmpty();
    }

    private static String alert(String fingerprint, String updatedAt) {
        return "{\"fingerprint\":\"" + fingerprint + "\",\"labels\":{\"alertname\":\"A\",\"id\":\"" + fingerprint
                + "\"},\"status\":{\"state\":\"active\"},\"updatedAt\":\"" + updatedAt + "\"}";
    }
}
