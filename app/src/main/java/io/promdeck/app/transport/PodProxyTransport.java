package io.promdeck.app.transport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reaches a pod's HTTP port through the API server's {@code pods/proxy} subresource, with fabric8's own authenticated
 * HTTP client (so credential-plugin tokens are renewed as for any other request). No local port is opened.
 */
public final class PodProxyTransport implements Transport {

    private final HttpClient http;
    private final String base;
    private final String target;
    private final String proxyPath;

    public PodProxyTransport(KubernetesClient client, String namespace, String pod, int port) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.proxyPath = "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + ":" + port + "/proxy";
        this.base = (master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + proxyPath;
        this.target = "pod " + namespace + "/" + pod + ":" + port;
    }

    @Override
    public TransportResponse exchange(TransportRequest request) throws IOException {
        HttpRequest.Builder builder = http.newHttpRequestBuilder()
                .uri(base + request.path())
                .timeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        String contentType = request.contentType() == null ? "application/octet-stream" : request.contentType();
        switch (request.method()) {
            case "GET" -> { }
            case "POST" -> builder.post(contentType, request.body());
            default -> builder.method(request.method(), contentType, new String(request.body(), StandardCharsets.UTF_8));
        }
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(), byte[].class);
        try {
            HttpResponse<byte[]> response = future.get(request.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            String type = response.header("Content-Type");
            return new TransportResponse(response.code(), type, response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new InterruptedIOException("no answer through the API server proxy within " + request.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.getMessage() : cause.getMessage(), cause);
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public Route route() {
        return Route.API_SERVER_PROXY;
    }

    @Override
    public java.util.Optional<Address> address() {
        return java.util.Optional.of(new Address(base, proxyPath, true));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return target + " via API server proxy";
    }
}
