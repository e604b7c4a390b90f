package io.promdeck.app.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's webhook receiver, inside the console: every notification the Alertmanagers send, kept (in memory
 * and appended to {@code notifications.jsonl} in the stack's folder, so a console restart shows the earlier ones) and
 * told to listeners. Listens on 127.0.0.1 only. The "webhook fails" drill makes it answer 500, as a broken receiver
 * would, so the Alertmanagers' retries and failure counters can be watched.
 */
public final class NotificationReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationReceiver.class);
    /** Kept in memory; the file keeps them all. */
    static final int KEEP = 2_000;
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final Clock clock;
    private volatile Path file;
    private volatile IntFunction<String> senderByPort;
    private final Deque<Notification> kept = new ArrayDeque<>();
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    private NotificationReceiver(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0: a free port, for a stack about to start). A port already bound is most
     * likely another console receiving for the same stack: the exception says so.
     */
    public static NotificationReceiver start(int port, Executor executor, Clock clock) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            throw new IOException("Port " + port + " is taken, so this console cannot receive the local stack's notifications: another Promdeck "
                    + "console is probably open on the same stack (its Notifications panel has them).", e);
        }
        NotificationReceiver receiver = new NotificationReceiver(server, clock);
        server.createContext(SandboxPlan.HOOK, receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /**
     * Ties the receiver to a stack: earlier notifications are read from {@code file} (a console restart shows them),
     * the ones received so far are added to it, and later ones appended.
     *
     * @param senderByPort the member name of the Alertmanager whose external URL has this port; null when unknown
     */
    public void forStack(Path file, IntFunction<String> senderByPort) {
        List<Notification> sofar;
        synchronized (this) {
            sofar = new ArrayList<>(kept);
            kept.clear();
            this.file = file;
            this.senderByPort = senderByPort;
            load();
            for (Notification n : sofar) {
                // Received while the stack was starting, before its ports were known: name the sender now.
                Notification named = new Notification(n.receivedAt(), sender(n.sender()), n.receiver(), n.status(), n.groupKey(), n.groupLabels(),
                        n.alerts(), n.truncated(), n.answer(), n.problem());
                kept.addLast(named);
                append(named);
            }
            while (kept.size() > KEEP) {
                kept.removeFirst();
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + SandboxPlan.HOOK;
    }

    public void addListener(Consumer<Notification> listener) {
        listeners.add(listener);
    }

    /** The notifications received so far, oldest first (the last {@value #KEEP}). */
    public synchronized List<Notification> notifications() {
        return new ArrayList<>(kept);
    }

    /** While failing, every notification is answered with HTTP 500 (and still listed, marked as refused). */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    public boolean failing() {
        return failing;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "POST the Alertmanager webhook payload here\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            int answer = failing ? 500 : 200;
            Notification notification = body.length > MAX_BODY
                    ? unreadable("the body is larger than " + MAX_BODY / (1024 * 1024) + " MiB", answer = 413)
                    : parse(body, answer);
            if (!notification.readable() && answer == 200) {
                answer = 400;
                notification = unreadable(notification.problem(), answer);
            }
            record(notification);
            reply(exchange, answer, answer == 200 ? "ok\n" : answer == 500 ? "the webhook fails (drill)\n" : notification.problem() + "\n");
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Notification unreadable(String problem, int answer) {
        return new Notification(clock.instant(), "", "", "", "", Map.of(), List.of(), 0, answer, problem);
    }

    /** The webhook payload, read field by field: a missing or mistyped field is named, not guessed. */
    Notification parse(byte[] body, int answer) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return unreadable("not JSON: " + io.promdeck.app.input.ReadProblems.withoutJavaTypes(String.valueOf(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())), answer);
        }
        if (root == null || !root.isObject()) {
            return unreadable("not a JSON object", answer);
        }
        if (!root.path("alerts").isArray()) {
            return unreadable("no 'alerts' list", answer);
        }
        List<Notification.Item> items = new ArrayList<>();
        for (JsonNode alert : root.path("alerts")) {
            try {
                items.add(new Notification.Item(alert.path("status").asText(""), strings(alert.path("labels")), strings(alert.path("annotations")),
                        time(alert.path("startsAt")), time(alert.path("endsAt"))));
            } catch (DateTimeParseException e) {
                return unreadable("an alert's time is not RFC 3339: " + e.getParsedString(), answer);
            }
        }
        return new Notification(clock.instant(), sender(root.path("externalURL").asText("")), root.path("receiver").asText(""),
                root.path("status").asText(""), root.path("groupKey").asText(""), strings(root.path("groupLabels")), items,
                root.path("truncatedAlerts").asInt(0), answer, "");
    }

    private String sender(String externalUrl) {
        try {
            int port = URI.create(externalUrl).getPort();
            IntFunction<String> senders = senderByPort;
            String name = port > 0 && senders != null ? senders.apply(port) : null;
            return name != null ? name : externalUrl;
        } catch (IllegalArgumentException e) {
            return externalUrl;
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Instant time(JsonNode node) {
        String text = node.asText("");
        return text.isEmpty() ? null : java.time.OffsetDateTime.parse(text).toInstant();
    }

    private void record(Notification notification) {
        synchronized (this) {
            kept.addLast(notification);
            while (kept.size() > KEEP) {
                kept.removeFirst();
            }
            append(notification);
        }
        listeners.forEach(l -> l.accept(notification));
    }

    private void append(Notification notification) {
        Path to = file;
        if (to != null) {
            try {
                Files.writeString(to, JSON.writeValueAsString(notification) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warn("cannot append the notification to {}: {}", to, e.getMessage());
            }
        }
    }

    /** The notifications an earlier console of the same stack received; an unreadable line is skipped and counted. */
    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        int skipped = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    kept.addLast(JSON.readValue(line, Notification.class));
                    if (kept.size() > KEEP) {
                        kept.removeFirst();
                    }
                } catch (IOException e) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read earlier notifications from {}: {}", file, e.getMessage());
        }
        if (skipped > 0) {
            LOG.warn("skipped {} unreadable lines of {}", skipped, file);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
