package io.promdeck.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 between the console and one real lab process, that passes requests through or
 * injects a fault per path prefix: a delay, a stall for ever, a body cut half-way, a connection reset, bytes dripped
 * slowly, or a canned answer (an HTML login page with 200, a bare "OK", any status). Every connection carries one
 * request ({@code Connection: close} both ways), so what it counts in flight is exact.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to a request. */
    public sealed interface Fault {
        /** Passed through unchanged. */
        record Pass() implements Fault {
        }

        /** The upstream answer, held back this long. */
        record Delay(Duration by) implements Fault {
        }

        /** The request is read and never answered; the connection stays open until the client gives up. */
        record Stall() implements Fault {
        }

        /** The upstream headers and half its body, then the connection is closed. */
        record CutBody() implements Fault {
        }

        /** The connection is reset (RST) as soon as the request is read. */
        record Reset() implements Fault {
        }

        /** The upstream answer, {@code bytes} at a time with {@code every} between them. */
        record Drip(int bytes, Duration every) implements Fault {
        }

        /** An answer of the proxy's own; upstream is not asked. */
        record Answer(int status, String contentType, String body) implements Fault {
        }

        static Fault pass() {
            return new Pass();
        }
    }

    /** A request the proxy saw: its method and path, and the fault it got. */
    public record Seen(String method, String path, Fault fault) {
    }

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A proxy in front of {@code upstreamUrl} ({@code http://127.0.0.1:PORT}). */
    public FaultProxy(String upstreamUrl) {
        java.net.URI uri = java.net.URI.create(upstreamUrl);
        this.upstreamHost = uri.getHost();
        this.upstreamPort = uri.getPort();
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, requests whose path starts with {@code pathPrefix} ("/" for all) get {@code fault}; the longest prefix wins. */
    public FaultProxy fault(String pathPrefix, Fault fault) {
        faults.put(pathPrefix, fault);
        return this;
    }

    /** Removes every fault: requests pass through again (connections already stalled stay stalled). */
    public void heal() {
        faults.clear();
    }

    /** The requests to {@code path} (query ignored) in flight now. */
    public int inFlight(String path) {
        AtomicInteger now = inFlight.get(path);
        return now == null ? 0 : now.get();
    }

    /** The most requests in flight at once to any single path. */
    public int maxInFlightPerPath() {
        return maxInFlight.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** The paths that ever had more than one request in flight at once, with that most (empty: nothing piled up). */
    public Map<String, Integer> pathsInFlightMoreThanOnce() {
        Map<String, Integer> over = new java.util.TreeMap<>();
        maxInFlight.forEach((path, max) -> {
            if (max.get() > 1) {
                over.put(path, max.get());
            }
        });
        return over;
    }

    /** Forgets the in-flight maxima and the requests seen so far (a new phase of a test). */
    public void resetCounts() {
        inFlight.clear();
        maxInFlight.clear();
        seen.clear();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    private Fault faultFor(String path) {
        String best = null;
        for (String prefix : faults.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? Fault.pass() : faults.get(best);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        String path = null;
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String requestLine = headText.substring(0, headText.indexOf("\r\n"));
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            String target = parts.length > 1 ? parts[1] : "/";
            path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            int length = contentLength(headText);
            byte[] body = in.readNBytes(length);
            Fault fault = faultFor(path);
            seen.add(new Seen(method, path, fault));
            // Each request keeps the counter it incremented: after resetCounts() a request of an earlier phase still
            // held here (a stall, a delay) decrements its own phase's counter and does not count in the new one.
            AtomicInteger counter = inFlight.computeIfAbsent(path, k -> new AtomicInteger());
            int now = counter.incrementAndGet();
            maxInFlight.computeIfAbsent(path, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            // In flight as the client sees it: until the answer is ready to go out, or until the client gives up and
            // closes the connection (a call timeout) while the proxy still waits on upstream or on a delay. Counting
            // until this thread returns instead would see the client's next request race the decrement.
            AtomicBoolean finished = new AtomicBoolean();
            Runnable done = () -> {
                if (finished.compareAndSet(false, true)) {
                    counter.decrementAndGet();
                }
            };
            if (!(fault instanceof Fault.Stall)) {
                threads.execute(() -> awaitClientClose(in, done));
            }
            try {
                answer(client, fault, rewriteRequest(headText), body, done);
            } finally {
                done.run();
            }
        } catch (IOException e) {
            // The client or upstream went away mid-way: exactly what some faults provoke.
        } finally {
            open.remove(client);
        }
    }

    /** Returns when the client closes its side (it sends nothing more after its one request) or the socket is closed. */
    private static void awaitClientClose(InputStream in, Runnable done) {
        try {
            while (in.read() >= 0) {
                // discard
            }
        } catch (IOException e) {
            // closed by this side after the answer, or reset by the client
        }
        done.run();
    }

    /** {@code answered} runs once the answer is complete and about to be written (it is no longer in flight). */
    private void answer(Socket client, Fault fault, byte[] requestHead, byte[] body, Runnable answered) throws IOException {
        OutputStream out = client.getOutputStream();
        if (fault instanceof Fault.Answer a) {
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            String headers = "HTTP/1.1 " + a.status() + " " + reason(a.status()) + "\r\n"
                    + (a.contentType().isEmpty() ? "" : "Content-Type: " + a.contentType() + "\r\n")
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            answered.run();
            out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        } else if (fault instanceof Fault.Stall) {
            // Hold the connection until the client closes it (read returns -1) or the proxy is closed.
            client.setSoTimeout(0);
            while (client.getInputStream().read() >= 0) {
                // discard
            }
        } else if (fault instanceof Fault.Reset) {
            client.setSoLinger(true, 0);
            client.close();
        } else if (fault instanceof Fault.Delay d) {
            byte[] response = upstream(requestHead, body);
            if (await(d.by())) {
                answered.run();
                out.write(response);
                out.flush();
            }
        } else if (fault instanceof Fault.CutBody) {
            byte[] response = upstream(requestHead, body);
            int headEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
            int bodyLength = response.length - headEnd;
            answered.run();
            out.write(response, 0, headEnd + Math.max(1, bodyLength / 2));
            out.flush();
        } else if (fault instanceof Fault.Drip d) {
            byte[] response = upstream(requestHead, body);
            for (int i = 0; i < response.length; i += d.bytes()) {
                if (i + d.bytes() >= response.length) {
                    answered.run();
                }
                out.write(response, i, Math.min(d.bytes(), response.length - i));
                out.flush();
                if (!await(d.every())) {
                    return;
                }
            }
        } else {
            byte[] response = upstream(requestHead, body);
            answered.run();
            out.write(response);
            out.flush();
        }
    }

    /** Waits without sleeping blindly: returns early (false) when the proxy is closed. */
    private boolean await(Duration duration) {
        try {
            return !closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The whole upstream answer to one request (upstream closes after it), with {@code Connection: close} in it. */
    private byte[] upstream(byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(upstreamHost, upstreamPort), 2000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            byte[] response = socket.getInputStream().readAllBytes();
            return rewriteResponse(response);
        }
    }

    private static byte[] rewriteRequest(String head) {
        return (withoutConnection(head) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] rewriteResponse(byte[] response) {
        int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return response;
        }
        String head = new String(response, 0, end + 4, StandardCharsets.ISO_8859_1);
        byte[] newHead = (withoutConnection(head) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(response.length + 32);
        out.writeBytes(newHead);
        out.write(response, end + 4, response.length - end - 4);
        return out.toByteArray();
    }

    /** The head without its blank line and without any Connection header, ending in CRLF. */
    private static String withoutConnection(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 302 -> "Found";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** Stops accepting, releases every stalled or delayed connection, and closes them. */
    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : new ArrayList<>(open)) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        threads.shutdownNow();
    }

    /** Exposed for tests of the proxy itself. */
    static boolean isReset(IOException e) {
        return e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset");
    }
}
