package io.promdeck.app.http;

import java.io.IOException;

/** Turns a successful reply into a value; any {@link IOException} (Jackson's included) makes the reply malformed. */
@FunctionalInterface
public interface ReplyReader<T> {

    T read(TransportResponse response) throws IOException;
}
