package io.promdeck.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.promdeck.app.http.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * fabric8's mock API server in CRUD mode, extended where Promdeck needs more than CRUD. Where it differs from a
 * real API server:
 * <ul>
 * <li>{@code pods/proxy} is forwarded to whatever URL the test registered for that pod and port (the lab's real
 *     Prometheus and Alertmanager), not to a pod IP; an unregistered pod answers 503 with a {@code Status}, as the
 *     real proxy does for an unreachable pod. The forwarding blocks a Vert.x event-loop thread of the mock for the
 *     duration of the call: calls go to loopback processes that answer in milliseconds, and a dedicated client
 *     caps each at 2 s to connect and 10 s in all, so a stuck lab member cannot hold the loop longer than that.</li>
 * <li>SelfSubjectAccessReviews are answered from an {@link AccessPolicy}, not evaluated by RBAC;
 *     SelfSubjectReview answers a configured user name, or 404 as on servers before 1.28 when none is set.</li>
 * <li>Authentication is a table of bearer tokens: a listed "bad" token gets 401 and a "forbidden" one 403 on every
 *     request (a real server would allow it /version and discovery).</li>
 * <li>Server-side apply (PATCH with {@code application/apply-patch+yaml}), which CRUD mode does not implement, is
 *     a shim: create when absent, else replace the whole object with the applied one, keeping uid,
 *     resourceVersion, creationTimestamp and status. A real server merges per field manager, so fields set by other
 *     managers survive there and are dropped here; conflicts are never reported (Promdeck forces them anyway);
 *     no dry-run.</li>
 * <li>Writes can be refused per path ({@link #forbidWrites}) to test 403 handling; a real server asks RBAC.</li>
 * <li>An update carrying a stale resourceVersion is refused with 409 Conflict, as a real server does (fabric8's CRUD
 *     mode checks it; {@code KubeConfigStoreTest} relies on it).</li>
 * <li>No defaulting, admission, or garbage collection: deleting a StatefulSet leaves its pods; CRUD keeps a
 *     Secret's stringData as is (a real server moves it to base64 data).</li>
 * </ul>
 */
public final class MockApiServer implements AutoCloseable {

    private static final Pattern POD_PROXY = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/(?:https?:)?([^/:]+):(\\d+)/proxy(/.*)?$");
    private static final ObjectMapper JSON = Json.mapper();
    /** The mock logs every request at INFO through java.util.logging: kept quiet (and referenced, so the level sticks). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private final KubernetesMockServer server;
    private final Map<String, String> proxyRoutes = new ConcurrentHashMap<>();
    private final Map<String, Integer> tokenVerdicts = new ConcurrentHashMap<>();
    private final Map<String, Integer> forwarded = new ConcurrentHashMap<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final java.util.Set<String> forbiddenWrites = ConcurrentHashMap.newKeySet();
    private final java.util.List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile AccessPolicy policy = AccessPolicy.allowAll();
    private volatile String userName;
    private final OkHttpClient forwarder = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    public MockApiServer() {
        this(false);
    }

    public MockApiServer(boolean https) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), https);
        server.init();
    }

    /** The API server URL for a kubeconfig, e.g. {@code http://localhost:41234}. */
    public String url() {
        String url = server.url("/");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** Sends {@code pods/proxy} requests for this pod and port to {@code targetUrl}. */
    public void routePodProxy(String namespace, String pod, int port, String targetUrl) {
        proxyRoutes.put(namespace + "/" + pod + ":" + port, targetUrl);
    }

    public void unroutePodProxy(String namespace, String pod, int port) {
        proxyRoutes.remove(namespace + "/" + pod + ":" + port);
    }

    /** How many {@code method} requests were forwarded to this pod, port and path, e.g. ("POST", "ns/prometheus-1:9090/-/reload"). */
    public int forwardedCount(String method, String podPortPath) {
        return forwarded.getOrDefault(method + " " + podPortPath, 0);
    }

    /** The text {@code GET .../pods/NAME/log} answers for a pod (any container). */
    public void podLog(String namespace, String pod, String text) {
        logs.put("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log", text);
    }

    /** Every create, update, patch and delete of an object the mock received, as "METHOD path", in order. */
    public java.util.List<String> writes() {
        return java.util.List.copyOf(writes);
    }

    public void clearWrites() {
        writes.clear();
    }

    /** Writes to paths containing {@code pathPart} get 403 until {@link #allowWrites} is called. */
    public void forbidWrites(String pathPart) {
        forbiddenWrites.add(pathPart);
    }

    public void allowWrites() {
        forbiddenWrites.clear();
    }

    public void policy(AccessPolicy newPolicy) {
        policy = newPolicy;
    }

    /** The name SelfSubjectReview returns; null makes it answer 404. */
    public void userName(String name) {
        userName = name;
    }

    /** Requests with this bearer token get {@code status} (401 or 403) instead of an answer. */
    public void rejectToken(String token, int status) {
        tokenVerdicts.put(token, status);
    }

    @Override
    public void close() {
        server.destroy();
        forwarder.dispatcher().executorService().shutdown();
        forwarder.connectionPool().evictAll();
    }

    private final class Dispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")) {
                Integer verdict = tokenVerdicts.get(authorization.substring(7));
                if (verdict != null) {
                    return status(verdict, verdict == 401 ? "Unauthorized" : "Forbidden",
                            verdict == 401 ? "Unauthorized" : "forbidden: User \"mock\" cannot do that");
                }
            }
            String path = request.getPath();
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (bare.equals("/version")) {
                return json(200, "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0-promdeck-mock\",\"platform\":\"linux/amd64\"}");
            }
            if (logs.containsKey(bare)) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(logs.get(bare));
            }
            Matcher proxy = POD_PROXY.matcher(bare);
            if (proxy.matches()) {
                return forward(request, proxy, path);
            }
            if (bare.equals("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") && "POST".equals(request.getMethod())) {
                return accessReview(request);
            }
            boolean write = !"GET".equals(request.getMethod()) && !bare.contains("selfsubject");
            if (write) {
                for (String forbidden : forbiddenWrites) {
                    if (bare.contains(forbidden)) {
                        return status(403, "Forbidden", "User \"ops\" cannot " + request.getMethod().toLowerCase(java.util.Locale.ROOT)
                                + " resource at " + bare + ": RBAC: access denied");
                    }
                }
                writes.add(request.getMethod() + " " + bare);
            }
            String contentType = request.getHeader("Content-Type");
            if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.contains("apply-patch")) {
                return serverSideApply(request, bare);
            }
            if (bare.equals("/apis/authentication.k8s.io/v1/selfsubjectreviews") && "POST".equals(request.getMethod())) {
                return userName == null ? status(404, "NotFound", "the server could not find the requested resource")
                        : json(201, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\","
                                + "\"status\":{\"userInfo\":{\"username\":\"" + userName + "\",\"groups\":[\"system:authenticated\"]}}}");
            }
            return super.dispatch(request);
        }

        private MockResponse forward(RecordedRequest request, Matcher proxy, String fullPath) {
            String key = proxy.group(1) + "/" + proxy.group(2) + ":" + proxy.group(3);
            String target = proxyRoutes.get(key);
            if (target == null) {
                return status(503, "ServiceUnavailable", "error trying to reach service: dial tcp 10.0.0.1:" + proxy.group(3)
                        + ": connect: connection refused");
            }
            String rest = proxy.group(4) == null ? "/" : proxy.group(4);
            forwarded.merge(request.getMethod() + " " + key + rest, 1, Integer::sum);
            String query = fullPath.contains("?") ? fullPath.substring(fullPath.indexOf('?')) : "";
            String contentType = request.getHeader("Content-Type");
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
            RequestBody requestBody = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? null
                    : RequestBody.create(body, contentType == null ? null : MediaType.parse(contentType));
            Request forwarded = new Request.Builder().url(target + rest + query).method(request.getMethod(), requestBody).build();
            try (Response response = forwarder.newCall(forwarded).execute()) {
                MockResponse answer = new MockResponse().setResponseCode(response.code()).setBody(response.body().bytes());
                String type = response.header("Content-Type");
                if (type != null) {
                    answer.setHeader("Content-Type", type);
                }
                return answer;
            } catch (IOException e) {
                return status(503, "ServiceUnavailable", "error trying to reach service: " + e.getMessage());
            }
        }

        private MockResponse serverSideApply(RecordedRequest request, String objectPath) {
            try {
                ObjectNode applied = (ObjectNode) YAML.readTree(request.getBody().readUtf8());
                MockResponse existing = super.dispatch(internal(HttpMethod.GET, objectPath, null));
                if (existing.code() == 404) {
                    String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
                    return super.dispatch(internal(HttpMethod.POST, collection, applied.toString()));
                }
                ObjectNode live = (ObjectNode) JSON.readTree(existing.getBody().readUtf8());
                ObjectNode metadata = (ObjectNode) applied.with("metadata");
                for (String kept : new String[] {"uid", "resourceVersion", "creationTimestamp"}) {
                    if (live.path("metadata").has(kept)) {
                        metadata.set(kept, live.path("metadata").get(kept));
                    }
                }
                if (live.has("status")) {
                    applied.set("status", live.get("status"));
                }
                return super.dispatch(internal(HttpMethod.PUT, objectPath, applied.toString()));
            } catch (IOException | ClassCastException e) {
                return status(400, "BadRequest", "cannot read the applied object: " + e.getMessage());
            }
        }

        private RecordedRequest internal(HttpMethod method, String path, String body) {
            Headers headers = Headers.builder().add("Content-Type", "application/json").build();
            Buffer buffer = new Buffer();
            if (body != null) {
                buffer.writeUtf8(body);
            }
            return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
        }

        private MockResponse accessReview(RecordedRequest request) {
            try {
                ObjectNode review = (ObjectNode) JSON.readTree(request.getBody().readUtf8());
                JsonNode attributes = review.path("spec").path("resourceAttributes");
                AccessPolicy.Attributes asked = new AccessPolicy.Attributes(
                        attributes.path("verb").asText(""), attributes.path("group").asText(""),
                        attributes.path("resource").asText(""), attributes.path("subresource").asText(""),
                        attributes.hasNonNull("namespace") ? attributes.path("namespace").asText() : null);
                review.putObject("status").put("allowed", policy.allows(asked));
                return json(201, review.toString());
            } catch (IOException | ClassCastException e) {
                return status(400, "BadRequest", "cannot read the review: " + e.getMessage());
            }
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", message)
                .put("reason", reason).put("code", code);
        status.putObject("metadata");
        return json(code, status.toString());
    }
}
