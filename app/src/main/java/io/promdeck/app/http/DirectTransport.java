package io.promdeck.app.http;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Straight HTTP(S) to a component's base URL through a shared {@link OkHttpClient}: direct-URL profiles and tests.
 */
public final class DirectTransport implements Transport {

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Supplier<String> authorization;
    private final boolean authorized;

    /**
     * @param http          shared client (connection pool, TLS settings, connect timeout)
     * @param baseUrl       the component's root, e.g. {@code http://127.0.0.1:9090} or {@code https://host/prometheus}
     * @param authorization value of the Authorization header per request, or a supplier of null for none;
     *                      a supplier so that a token file rotated on disk is picked up
     */
    public DirectTransport(OkHttpClient http, String baseUrl, Supplier<String> authorization) {
        this.http = Objects.requireNonNull(http, "http");
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = parsed;
        this.authorized = authorization != null;
        this.authorization = authorization == null ? () -> null : authorization;
    }

    public DirectTransport(OkHttpClient http, String baseUrl) {
        this(http, baseUrl, null);
    }

    @Override
    public java.util.Optional<Address> address() {
        String url = base.toString();
        return java.util.Optional.of(new Address(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, "", authorized));
    }

    @Override
    public TransportResponse exchange(TransportRequest request) throws IOException {
        Request.Builder builder = new Request.Builder().url(resolve(request.path()));
        RequestBody body = null;
        if (request.body().length > 0 || requiresBody(request.method())) {
            MediaType type = request.contentType() == null ? null : MediaType.parse(request.contentType());
            body = RequestBody.create(request.body(), type);
        }
        builder.method(request.method(), body);
        String auth = authorization.get();
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        Call call = http.newCall(builder.build());
        call.timeout().timeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            ResponseBody responseBody = response.body();
            String contentType = response.header("Content-Type", "");
            return read(response.code(), contentType, responseBody);
        }
    }

    /** Reads at most {@link TransportResponse#MAX_BODY} bytes; a larger body is cut there and marked truncated. */
    static TransportResponse read(int status, String contentType, ResponseBody body) throws IOException {
        okio.BufferedSource source = body.source();
        boolean more = source.request(TransportResponse.MAX_BODY + 1L);
        if (more) {
            return new TransportResponse(status, contentType, source.readByteArray(TransportResponse.MAX_BODY), true);
        }
        return new TransportResponse(status, contentType, source.readByteArray(), false);
    }

    private HttpUrl resolve(String path) {
        String root = base.toString();
        String joined = root.endsWith("/") ? root + path.substring(1) : root + path;
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new IllegalArgumentException("cannot build a URL from " + root + " and " + path);
        }
        return url;
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    @Override
    public String target() {
        return base.toString();
    }

    @Override
    public Route route() {
        return Route.DIRECT;
    }

    @Override
    public String toString() {
        return "direct " + base;
    }
}
