package io.promdeck.app.http;

import java.io.IOException;

/** A reply that parsed but does not say what the API promises (missing field, error envelope on 200, ...). */
public final class MalformedReplyException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super(message);
    }
}
