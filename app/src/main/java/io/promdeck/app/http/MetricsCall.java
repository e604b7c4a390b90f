package io.promdeck.app.http;

import io.promdeck.app.metrics.MetricsText;
import java.util.List;

/** {@code GET /metrics} of any component, keeping only the samples whose names start with the given prefixes. */
public final class MetricsCall {

    private MetricsCall() {
    }

    public static CallResult<MetricsText> read(ComponentApi api, List<String> prefixes) {
        return api.call(TransportRequest.get("/metrics"), response -> {
            String text = response.bodyText();
            String start = text.stripLeading();
            if (ErrorBodies.looksLikeHtml(start) || start.startsWith("{")) {
                throw new MalformedReplyException(ReplyShape.describe(response) + " where the metrics text was expected");
            }
            return MetricsText.parse(text, prefixes);
        });
    }
}
