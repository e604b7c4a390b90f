package io.promdeck.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What came back over a transport: status, content type and the body (all of it, or the first {@link #MAX_BODY}
 * bytes with {@code truncated} set: a runaway endpoint must not fill the console's memory).
 */
public record TransportResponse(int status, String contentType, byte[] body, boolean truncated) {

    /** Replies are read up to this size; 100,000 alerts from one Alertmanager are about 60 MB. */
    public static final int MAX_BODY = 256 * 1024 * 1024;

    public TransportResponse {
        body = body == null ? new byte[0] : body;
        contentType = contentType == null ? "" : contentType;
    }

    public TransportResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, false);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isJson() {
        return contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
