package io.promdeck.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one component's HTTP API over a {@link Transport} and turns every outcome into a {@link CallResult}:
 * the value, an HTTP error with the server's own message and its origin, unreachable, timeout or malformed.
 */
public final class ComponentApi {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentApi.class);
    private static final int EXCERPT = 200;

    private final Transport transport;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public ComponentApi(Transport transport, ObjectMapper mapper, Duration timeout) {
        this.transport = transport;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    public ComponentApi(Transport transport) {
        this(transport, Json.mapper(), TransportRequest.DEFAULT_TIMEOUT);
    }

    public Transport transport() {
        return transport;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String target() {
        return transport.target();
    }

    /** Sends the request; a 2xx reply goes through {@code reader}, anything else becomes a {@link CallError}. */
    public <T> CallResult<T> call(TransportRequest request, ReplyReader<T> reader) {
        TransportRequest timed = request.timeout().equals(TransportRequest.DEFAULT_TIMEOUT) ? request.withTimeout(timeout) : request;
        long started = System.nanoTime();
        TransportResponse response;
        try {
            response = transport.exchange(timed);
        } catch (InterruptedIOException e) {
            return failed(new CallError.Timeout(target(), timed.timeout()), started, timed, e);
        } catch (UnknownHostException e) {
            return failed(new CallError.Unreachable(target(), "unknown host " + e.getMessage()), started, timed, e);
        } catch (ConnectException | NoRouteToHostException e) {
            return failed(new CallError.Unreachable(target(), "connection refused (" + e.getMessage() + ")"), started, timed, e);
        } catch (SSLException e) {
            return failed(new CallError.Unreachable(target(), "TLS failure: " + e.getMessage()), started, timed, e);
        } catch (java.net.ProtocolException | java.io.EOFException e) {
            return failed(new CallError.Unreachable(target(), "the connection closed before the whole reply arrived (" + describe(e) + ")"),
                    started, timed, e);
        } catch (java.net.SocketException e) {
            String text = describe(e);
            return failed(new CallError.Unreachable(target(), text.toLowerCase(java.util.Locale.ROOT).contains("reset")
                    ? "the connection was reset (" + text + ")" : text), started, timed, e);
        } catch (IOException | RuntimeException e) {
            return failed(new CallError.Unreachable(target(), describe(e)), started, timed, e);
        }
        if (!response.successful()) {
            CallError.HttpError error = ErrorBodies.classify(response, transport.route(), target(), mapper);
            return failed(error, started, timed, null);
        }
        if (response.truncated()) {
            return failed(new CallError.Malformed(target(), "the reply is larger than " + TransportResponse.MAX_BODY / (1024 * 1024)
                    + " MB; Promdeck stopped reading it", excerpt(response)), started, timed, null);
        }
        try {
            T value = reader.read(response);
            Duration elapsed = since(started);
            LOG.debug("{} {} -> {} in {} ms", target(), timed, response.status(), elapsed.toMillis());
            return CallResult.ok(value, elapsed);
        } catch (IOException | RuntimeException e) {
            return failed(new CallError.Malformed(target(), malformedReason(response, e), excerpt(response)), started, timed, e);
        }
    }

    /** A call whose reply body is not needed: any 2xx is success. */
    public CallResult<String> callForText(TransportRequest request) {
        return call(request, TransportResponse::bodyText);
    }

    /**
     * An action the component answers with an empty 2xx (Prometheus' and Alertmanager's reload, Alertmanager's
     * silence expiry). Anything else on a 2xx — a login page, a bare "OK", JSON null — did not come from the component
     * and is an error naming what answered, never a success.
     *
     * @param expected what the component would have sent, for the message ("the empty reply Prometheus sends to a reload")
     */
    public CallResult<String> callExpectingEmpty(TransportRequest request, String expected) {
        return call(request, response -> {
            if (!response.bodyText().isBlank()) {
                throw new MalformedReplyException("it answered HTTP " + response.status() + " with " + ReplyShape.describe(response)
                        + " instead of " + expected + "; something other than the component answered (a login or error page of a proxy?)");
            }
            return "";
        });
    }

    /** A JSON reply bound to {@code type} with the shared mapper. */
    public <T> CallResult<T> getJson(String path, Class<T> type) {
        return call(TransportRequest.get(path), response -> readJson(response, type));
    }

    public <T> T readJson(TransportResponse response, Class<T> type) throws IOException {
        requireJsonBody(response);
        T value = mapper.readValue(response.body(), type);
        if (value == null) {
            throw new MalformedReplyException("the body is JSON null");
        }
        return value;
    }

    public static void requireJsonBody(TransportResponse response) throws MalformedReplyException {
        if (response.body().length == 0) {
            throw new MalformedReplyException("empty body where JSON was expected");
        }
        String head = new String(response.body(), 0, Math.min(response.body().length, 200), StandardCharsets.UTF_8);
        String start = head.stripLeading();
        if (!start.isEmpty() && "{[\"-0123456789tfn".indexOf(start.charAt(0)) < 0) {
            throw new MalformedReplyException(ReplyShape.describe(response) + " where JSON was expected; something other than the component "
                    + "answered (a login or error page of a proxy?)");
        }
        if (ErrorBodies.looksLikeHtml(head.strip())) {
            throw new MalformedReplyException(ReplyShape.describe(response) + " where JSON was expected; something other than the component "
                    + "answered (a login or error page of a proxy?)");
        }
    }

    public String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> CallResult<T> failed(CallError error, long started, TransportRequest request, Exception cause) {
        Duration elapsed = since(started);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} failed after {} ms: {}", target(), request, elapsed.toMillis(), error.summary(), cause);
        }
        return new CallResult.Failed<>(error, elapsed, request.toString(), transport.toString());
    }

    private static String malformedReason(TransportResponse response, Exception e) {
        if (e instanceof MalformedReplyException) {
            return e.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            return "unexpected JSON: " + io.promdeck.app.input.ReadProblems.explain(mapping).replaceFirst("^line \\d+: ", "")
                    .replace("the document", "the reply");
        }
        if (e instanceof JsonProcessingException json) {
            String where = json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            return "invalid JSON" + where + ": " + io.promdeck.app.input.ReadProblems.syntax(json.getOriginalMessage());
        }
        // A reader that tripped over an unexpected shape: the type of the slip says nothing to an operator (logged at debug).
        return "an answer whose shape Promdeck does not know";
    }

    private static String excerpt(TransportResponse response) {
        String text = response.bodyText();
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
