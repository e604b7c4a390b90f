package io.promdeck.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server for what cannot run here (Thanos Query) and for replies no real component sends on demand
 * (HTML error pages, truncated JSON). Each path answers what the test set; every request is recorded.
 */
public final class TestHttpServer implements AutoCloseable {

    /** A canned reply; {@code delayMillis} > 0 holds the answer back, to provoke client timeouts. */
    public record Reply(int status, String contentType, byte[] body, long delayMillis) {
        public static Reply json(String json) {
            return new Reply(200, "application/json", json.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, contentType, body, millis);
        }
    }

    /** A request as received. */
    public record Received(String method, String path, String body, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public TestHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code path} (without query string) with {@code reply} from now on. */
    public TestHttpServer answer(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, body, exchange.getRequestHeaders().getFirst("Authorization")));
        Reply reply = replies.getOrDefault(path, Reply.of(404, "text/plain", "no reply set for " + path));
        if (reply.delayMillis() > 0) {
            // A slow server: answer later from another thread, without holding this one.
            CompletableFuture.delayedExecutor(reply.delayMillis(), TimeUnit.MILLISECONDS, executor).execute(() -> respond(exchange, reply));
        } else {
            respond(exchange, reply);
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) {
        try (exchange) {
            if (!reply.contentType().isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                exchange.getResponseBody().write(reply.body());
            }
        } catch (IOException e) {
            // The client went away (a timeout test): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
