package io.promdeck.app.http;

import java.time.Duration;
import java.time.Instant;

/**
 * A failed call with everything an operator needs to read it in full: the error (whose {@link CallError#detail()}
 * is not shortened), the request, the route it took, how long it waited and when.
 */
public record CallFailure(CallError error, String request, String via, Duration waited, Instant at) {

    /** The short sentence, as shown in a table cell. */
    public String summary() {
        return error.summary();
    }

    /** Every field on its own line, for the details view and the clipboard. */
    public String details() {
        StringBuilder out = new StringBuilder();
        out.append(error.summary()).append("\n\n");
        out.append("Request: ").append(request.isEmpty() ? "(not recorded)" : request).append('\n');
        out.append("Target: ").append(error.target()).append('\n');
        if (!via.isEmpty()) {
            out.append("Route: ").append(via).append('\n');
        }
        out.append("Waited: ").append(waited.toMillis()).append(" ms\n");
        out.append("At: ").append(at).append('\n');
        String detail = error.detail();
        if (!detail.isBlank() && !detail.equals(error.summary())) {
            out.append("\nFull text:\n").append(detail).append('\n');
        }
        return out.toString();
    }
}
