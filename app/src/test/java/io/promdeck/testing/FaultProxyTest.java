package io.promdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's own count of requests in flight, which the fault tests assert on: as the client sees it. */
class FaultProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestHttpServer upstream;
    private FaultProxy proxy;

    @BeforeEach
    void start() {
        upstream = new TestHttpServer().answer("/api/v1/query", TestHttpServer.Reply.json("{\"status\":\"success\"}"));
        proxy = new FaultProxy(upstream.url());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private Socket send(String path) throws IOException {
        URI uri = URI.create(proxy.url());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readAll(Socket socket) throws IOException {
        try (socket; InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void sequentialRequestsNeverCountTwiceEvenWhenTheNextFollowsTheAnswerAtOnce() throws IOException {
        for (int i = 0; i < 50; i++) {
            assertThat(readAll(send("/api/v1/query?query=up"))).startsWith("HTTP/1.1 200");
        }
        assertThat(proxy.count("/api/v1/query")).isEqualTo(50);
        assertThat(proxy.pathsInFlightMoreThanOnce()).isEmpty();
        assertThat(proxy.maxInFlightPerPath()).isEqualTo(1);
    }

    @Test
    void aRequestTheClientGaveUpOnIsNoLongerInFlightWhileTheProxyStillHoldsItsAnswer() throws IOException {
        proxy.fault("/api/v1/query", new FaultProxy.Fault.Delay(Duration.ofMinutes(5)));
        Socket timedOut = send("/api/v1/query");
        Await.until(WAIT, "the delayed request in flight", () -> proxy.inFlight("/api/v1/query") == 1);
        timedOut.close();
        Await.until(WAIT, "the abandoned request counted out", () -> proxy.inFlight("/api/v1/query") == 0);
        proxy.heal();
        assertThat(readAll(send("/api/v1/query"))).startsWith("HTTP/1.1 200");
        assertThat(proxy.pathsInFlightMoreThanOnce()).isEmpty();
    }

    @Test
    void concurrentRequestsToOnePathAreReportedWithThatPath() throws IOException {
        proxy.fault("/api/v1/query", new FaultProxy.Fault.Stall());
        try (Socket first = send("/api/v1/query?query=a"); Socket second = send("/api/v1/query?query=b")) {
            Await.until(WAIT, "both stalled requests in flight", () -> proxy.inFlight("/api/v1/query") == 2);
        }
        Await.until(WAIT, "both closed by the client", () -> proxy.inFlight("/api/v1/query") == 0);
        assertThat(proxy.pathsInFlightMoreThanOnce()).isEqualTo(Map.of("/api/v1/query", 2));
    }
}
