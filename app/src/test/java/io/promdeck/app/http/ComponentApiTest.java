package io.promdeck.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.prometheus.BuildInfo;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.sandbox.FreePorts;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every way a reply can go wrong becomes a typed error, never an exception. */
class ComponentApiTest {

    private static final OkHttpClient HTTP = HttpClients.defaults().build();
    private static final TestHttpServer SERVER = new TestHttpServer();
    private static final String BUILD_INFO = "/api/v1/status/buildinfo";

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private static PrometheusClient prometheus(Transport transport) {
        return new PrometheusClient(new ComponentApi(transport, Json.mapper(), Duration.ofSeconds(2)));
    }

    private static PrometheusClient direct() {
        return prometheus(new DirectTransport(HTTP, SERVER.url()));
    }

    /** The same server, but the client believes it is the API server's pod proxy. */
    private static PrometheusClient viaProxy() {
        DirectTransport direct = new DirectTransport(HTTP, SERVER.url());
        return prometheus(new Transport() {
            @Override
            public TransportResponse exchange(TransportRequest request) throws IOException {
                return direct.exchange(request);
            }

            @Override
            public String target() {
                return "pod monitoring/prometheus-0:9090";
            }

            @Override
            public Route route() {
                return Route.API_SERVER_PROXY;
            }
        });
    }

    private static CallError buildInfoError(PrometheusClient client, Reply reply) {
        SERVER.answer(BUILD_INFO, reply);
        CallResult<BuildInfo> result = client.buildInfo();
        assertThat(result.isOk()).as("expected a failure, got %s", result).isFalse();
        return result.failure().orElseThrow();
    }

    @Test
    void wellFormedReplyIsAValue() {
        SERVER.answer(BUILD_INFO, Reply.json("""
                {"status":"success","data":{"version":"2.42.0","revision":"r","branch":"b","goVersion":"go1.19","extra":1}}"""));

        assertThat(direct().buildInfo().orElseThrow()).isEqualTo(new BuildInfo("2.42.0", "r", "b", "go1.19"));
    }

    @Test
    void htmlErrorPageWithStatus200IsMalformed() {
        CallError error = buildInfoError(direct(), Reply.of(200, "text/html",
                "<!DOCTYPE html><html><head><title>Login required</title></head><body>SSO</body></html>"));

        assertThat(error).isInstanceOfSatisfying(CallError.Malformed.class,
                e -> assertThat(e.reason()).contains("HTML page").contains("Login required"));
    }

    @Test
    void truncatedJsonIsMalformedWithItsPosition() {
        CallError error = buildInfoError(direct(), Reply.json("{\"status\":\"success\",\"data\":{\"version\":\"2.4"));

        assertThat(error).isInstanceOfSatisfying(CallError.Malformed.class, e -> {
            assertThat(e.reason()).startsWith("invalid JSON (line 1");
            assertThat(e.excerpt()).contains("\"version\"");
        });
    }

    @Test
    void wrongFieldTypesAreMalformed() {
        CallError error = buildInfoError(direct(), Reply.json("{\"status\":\"success\",\"data\":{\"version\":{\"major\":2}}}"));

        assertThat(error).isInstanceOf(CallError.Malformed.class);
        assertThat(error.summary()).contains("cannot read");
    }

    @Test
    void emptyBodyIsMalformed() {
        CallError error = buildInfoError(direct(), Reply.of(200, "application/json", ""));

        assertThat(error).isInstanceOfSatisfying(CallError.Malformed.class, e -> assertThat(e.reason()).contains("empty body"));
    }

    @Test
    void errorEnvelopeOn200IsMalformed() {
        CallError error = buildInfoError(direct(), Reply.json("{\"status\":\"error\",\"error\":\"boom\"}"));

        assertThat(error).isInstanceOfSatisfying(CallError.Malformed.class, e -> assertThat(e.reason()).contains("boom"));
    }

    @Test
    void componentErrorKeepsTheServersOwnMessage() {
        CallError error = buildInfoError(direct(), Reply.of(422, "application/json",
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query too expensive\"}"));

        assertThat(error).isEqualTo(new CallError.HttpError(422, "execution: query too expensive", Origin.COMPONENT, SERVER.url() + "/",
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query too expensive\"}"));
    }

    @Test
    void kubernetesStatusThroughTheProxyIsAProxyError() {
        CallError error = buildInfoError(viaProxy(), Reply.of(503, "application/json", """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"error trying to reach service: dial tcp 10.1.2.3:9090: connect: connection refused",
                 "reason":"ServiceUnavailable","code":503}"""));

        assertThat(error).isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.origin()).isEqualTo(Origin.PROXY);
            assertThat(e.message()).startsWith("error trying to reach service");
            assertThat(e.summary()).startsWith("The Kubernetes API server (proxying to pod monitoring/prometheus-0:9090)");
        });
    }

    @Test
    void plainTextBadGatewayOfTheProxyIsAProxyError() {
        CallError error = buildInfoError(viaProxy(), Reply.of(502, "text/plain",
                "Error: 'dial tcp 10.1.2.3:9090: i/o timeout'\nTrying to reach: 'http://10.1.2.3:9090/api/v1/status/buildinfo'"));

        assertThat(error).isInstanceOfSatisfying(CallError.HttpError.class, e -> assertThat(e.fromProxy()).isTrue());
    }

    @Test
    void componentsOwn503ThroughTheProxyStaysTheComponents() {
        CallError error = buildInfoError(viaProxy(), Reply.of(503, "text/plain", "Service Unavailable"));

        assertThat(error).isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.origin()).isEqualTo(Origin.COMPONENT);
            assertThat(e.message()).isEqualTo("Service Unavailable");
        });
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        CallError error = buildInfoError(direct(), Reply.json("{}").delayed(4_000));

        assertThat(error).isInstanceOfSatisfying(CallError.Timeout.class, e -> assertThat(e.after()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void closedPortIsUnreachable() {
        PrometheusClient client = prometheus(new DirectTransport(HTTP, "http://127.0.0.1:" + FreePorts.tcp()));

        CallError error = client.buildInfo().failure().orElseThrow();

        assertThat(error).isInstanceOfSatisfying(CallError.Unreachable.class, e -> assertThat(e.reason()).contains("connection refused"));
    }

    @Test
    void reloadRejectionCarriesTheComponentsText() {
        SERVER.answer("/-/reload", Reply.of(500, "text/plain; charset=utf-8",
                "failed to reload config: couldn't load configuration (--config.file=\"x\"): parsing YAML file x: yaml: line 3\n"));

        ReloadResult result = direct().reload();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
        assertThat(result.message()).isEqualTo("failed to reload config: couldn't load configuration (--config.file=\"x\"): parsing YAML file x: yaml: line 3");
    }

    @Test
    void reloadThatNeverArrivesIsNotDelivered() {
        SERVER.answer("/-/reload", Reply.of(503, "application/json",
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods \\\"prometheus-0\\\" not found\",\"code\":404}"));

        ReloadResult result = viaProxy().reload();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.NOT_DELIVERED);
        assertThat(result.message()).contains("Kubernetes API server").contains("not found");
    }
}
