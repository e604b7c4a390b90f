package io.promdeck.app.thanos;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.http.CallError;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Thanos cannot run here: the reference JSON (synthesised from Thanos' source) served by a loopback server. */
class ThanosQueryClientTest {

    private static final TestHttpServer SERVER = new TestHttpServer();
    private static final ThanosQueryClient CLIENT =
            new ThanosQueryClient(new ComponentApi(new DirectTransport(HttpClients.defaults().build(), SERVER.url())));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = ThanosQueryClientTest.class.getResourceAsStream("/thanos/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void storesAreGroupedByComponentType() throws IOException {
        SERVER.answer("/api/v1/stores", Reply.json(fixture("thanos-stores.json")));

        StoreSet stores = CLIENT.stores().orElseThrow();

        assertThat(stores.byType()).containsOnlyKeys("rule", "sidecar", "store");
        assertThat(stores.ofType("sidecar")).extracting(StoreStatus::name)
                .containsExactly("prometheus-0.lab.svc:10901", "prometheus-1.lab.svc:10901");
        StoreStatus sidecar = stores.ofType("sidecar").get(0);
        assertThat(sidecar.openEnded()).isTrue();
        assertThat(sidecar.maxInstant()).isEmpty();
        assertThat(sidecar.healthy()).isTrue();
        assertThat(sidecar.labelSets()).containsExactly(Map.of("cluster", "lab", "replica", "prometheus-0"));
        assertThat(sidecar.lastCheck()).isEqualTo(Instant.parse("2026-11-22T01:36:58.102541167Z"));
        StoreStatus gateway = stores.ofType("store").get(0);
        assertThat(gateway.openEnded()).isFalse();
        assertThat(gateway.maxInstant()).contains(Instant.ofEpochMilli(1795291200000L));
        assertThat(gateway.labelSets()).hasSize(3);
        assertThat(stores.duplicateLabelSets("sidecar")).isEmpty();
    }

    @Test
    void aFailingEndpointKeepsItsLastGoodValuesAndCarriesTheError() throws IOException {
        SERVER.answer("/api/v1/stores", Reply.json(fixture("thanos-stores-sidecar-unhealthy.example.json")));

        StoreStatus sick = CLIENT.stores().orElseThrow().ofType("sidecar").get(1);

        assertThat(sick.healthy()).isFalse();
        assertThat(sick.lastError()).get().asString().contains("DeadlineExceeded");
        assertThat(sick.labelSets()).containsExactly(Map.of("cluster", "lab", "replica", "prometheus-1"));
        assertThat(sick.openEnded()).isTrue();
    }

    @Test
    void javascriptRoundedMaxTimeStillMeansNow() {
        SERVER.answer("/api/v1/stores", Reply.json("""
                {"status":"success","data":{"sidecar":[{"name":"s","lastCheck":"2026-11-22T01:36:58Z","lastError":null,
                 "labelSets":[{"replica":"a"}],"minTime":1,"maxTime":9223372036854776000}],"query":null}}"""));

        assertThat(CLIENT.stores().orElseThrow().ofType("sidecar").get(0).openEnded()).isTrue();
    }

    @Test
    void duplicateLabelSetsAreFound() {
        SERVER.answer("/api/v1/stores", Reply.json("""
                {"status":"success","data":{"sidecar":[
                 {"name":"a","lastCheck":null,"lastError":null,"labelSets":[{"cluster":"c","replica":"x"}],"minTime":1,"maxTime":2},
                 {"name":"b","lastCheck":null,"lastError":null,"labelSets":[{"replica":"x","cluster":"c"}],"minTime":1,"maxTime":2}]}}"""));

        assertThat(CLIENT.stores().orElseThrow().duplicateLabelSets("sidecar"))
                .containsExactly(Map.entry(Map.of("cluster", "c", "replica", "x"), List.of("a", "b")));
    }

    @Test
    void wrongShapesAreMalformed() {
        SERVER.answer("/api/v1/stores", Reply.json("{\"status\":\"success\",\"data\":{\"sidecar\":{\"name\":\"x\"}}}"));
        assertThat(CLIENT.stores().failure()).get().isInstanceOf(CallError.Malformed.class);

        SERVER.answer("/api/v1/stores", Reply.json("{\"status\":\"success\",\"data\":{\"sidecar\":[{\"name\":\"x\",\"minTime\":\"soon\",\"maxTime\":1}]}}"));
        assertThat(CLIENT.stores().failure()).get().isInstanceOfSatisfying(CallError.Malformed.class,
                e -> assertThat(e.reason()).contains("minTime"));
    }

    @Test
    void readinessIs200OkOr503NotOk() {
        SERVER.answer("/-/ready", Reply.of(200, "text/plain", "OK"));
        assertThat(CLIENT.ready().orElseThrow()).isEqualTo("OK");

        SERVER.answer("/-/ready", Reply.of(503, "text/plain", "NOT OK"));
        assertThat(CLIENT.ready().failure()).get().isInstanceOfSatisfying(CallError.HttpError.class,
                e -> assertThat(e.message()).isEqualTo("NOT OK"));
    }
}
