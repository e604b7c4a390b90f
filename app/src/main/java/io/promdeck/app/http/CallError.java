package io.promdeck.app.http;

import java.time.Duration;

/** Why a call to a component did not produce a usable answer; {@link #summary()} is a sentence for an operator. */
public sealed interface CallError {

    String summary();

    /** The server answered with an error status; {@code message} is its own text, cut to a readable length. */
    record HttpError(int status, String message, Origin origin, String target) implements CallError {
        @Override
        public String summary() {
            String who = origin == Origin.PROXY ? "The Kubernetes API server (proxying to " + target + ")" : target;
            return who + " answered HTTP " + status + (message.isBlank() ? "" : ": " + message);
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
    }

    /** No complete answer within the request's timeout. */
    record Timeout(String target, Duration after) implements CallError {
        @Override
        public String summary() {
            return target + " did not answer within " + after.toMillis() + " ms";
        }
    }

    /** An answer came but could not be read: not JSON, truncated, wrong field types, empty. */
    record Malformed(String target, String reason, String excerpt) implements CallError {
        @Override
        public String summary() {
            return target + " sent a reply Promdeck cannot read: " + reason;
        }
    }
}
