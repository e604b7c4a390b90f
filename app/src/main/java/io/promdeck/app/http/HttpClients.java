package io.promdeck.app.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds the OkHttp client the direct transports share: one connection pool, explicit timeouts, no redirects to other hosts. */
public final class HttpClients {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private HttpClients() {
    }

    public static OkHttpClient.Builder defaults() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(READ_TIMEOUT)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
    }
}
