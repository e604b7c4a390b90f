package io.promdeck.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What came back over a transport: status, content type and the whole body.
 */
public record TransportResponse(int status, String contentType, byte[] body) {

    public TransportResponse {
        body = body == null ? new byte[0] : body;
        contentType = contentType == null ? "" : contentType;
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
