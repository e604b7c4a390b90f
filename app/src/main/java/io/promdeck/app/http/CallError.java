package io.promdeck.app.http;

import java.time.Duration;

/** Why a call to a component did not produce a usable answer; {@link #summary()} is a sentence for an operator. */
public sealed interface CallError {

    String summary();

    /** Where the call went, for messages: a URL or {@code pod ns/name:port}. */
    String target();

    /** The whole text behind the summary (an error page's full body, a parser's message): never shortened. */
    default String detail() {
        return summary();
    }

    /** The summary without the target, for sentences that name it already: "timed out after 10 s". */
    String problem();

    /** Whether the endpoint did not answer in time (shown as a timeout, not as an error of the component). */
    default boolean timedOut() {
        return this instanceof Timeout;
    }

    /**
     * The server answered with an error status; {@code message} is its own text cut to a readable length,
     * {@code fullText} the whole body (for the details view).
     */
    record HttpError(int status, String message, Origin origin, String target, String fullText) implements CallError {
        public HttpError(int status, String message, Origin origin, String target) {
            this(status, message, origin, target, message);
        }

        public HttpError {
            fullText = fullText == null ? message : fullText;
        }

        @Override
        public String summary() {
            String who = origin == Origin.PROXY ? "The Kubernetes API server (proxying to " + target + ")" : target;
            return who + " answered HTTP " + status + (message.isBlank() ? "" : ": " + message);
        }

        @Override
        public String detail() {
            return fullText;
        }

        @Override
        public String problem() {
            return (origin == Origin.PROXY ? "the API server's proxy answered HTTP " : "answered HTTP ") + status
                    + (message.isBlank() ? "" : ": " + message);
        }

        public boolean fromProxy() {
            return origin == Origin.PROXY;
        }
    }

    /** Nothing answered: connection refused, unknown host, TLS failure, reset. */
    record Unreachable(String target, String reason) implements CallError {
        @Override
        public String summary() {
            return target + " is unreachable: " + reason;
        }

        @Override
        public String problem() {
            return "unreachable: " + reason;
        }
    }

    /** No complete answer within the request's timeout. */
    record Timeout(String target, Duration after) implements CallError {
        @Override
        public String summary() {
            return target + " did not answer within " + Durations.words(after);
        }

        @Override
        public String problem() {
            return "timed out after " + Durations.words(after);
        }
    }

    /**
     * An answer came but could not be read: not JSON, truncated, wrong field types, empty; or it was not the
     * component's own answer (a login page, a bare word) where an action expected the component's reply.
     */
    record Malformed(String target, String reason, String excerpt) implements CallError {
        @Override
        public String summary() {
            return target + " sent a reply Promdeck cannot read: " + reason;
        }

        @Override
        public String problem() {
            return "sent a reply Promdeck cannot read: " + reason;
        }

        @Override
        public String detail() {
            return summary() + (excerpt.isEmpty() ? "" : "\n\nThe reply began with:\n" + excerpt);
        }
    }
}
