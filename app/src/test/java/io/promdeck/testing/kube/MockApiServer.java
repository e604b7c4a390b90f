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
 * <li>{@code pods/portforward} speaks the API server's WebSocket framing (port header per channel, data on channel 0,
 *     errors on channel 1) to the URL registered for the pod's port, one TCP connection per stream, without asking
 *     the access policy (a real server checks {@code create pods/portforward}); an unregistered port answers on the
 *     error channel, as a kubelet does when nothing listens.</li>
 * <li>{@code pods/log} answers the text registered for the pod (any container), honours {@code tailLines} and
 *     {@code previous} (400 naming the container when there is no previous log), and ends a followed log after the
 *     text there is, where a real server keeps the stream open while the container runs.</li>
 * <li>SelfSubjectAccessReviews are answered from an {@link AccessPolicy}, not evaluated by RBAC;
 *     SelfSubjectReview answers a configured user name, or 404 as on servers before 1.28 when none is set.</li>
 * <li>Authentication is a table of bearer tokens: a listed "bad" token gets 401 and a "forbidden" one 403 on every
 *     request (a real server would allow it /version and discovery).</li>
 * <li>Writes fail as on a real API server: server-side apply merges per field manager and reports conflicts
 *     ({@link FieldManagers}); updates that change immutable fields are refused with the real status, reason, field
 *     path and message ({@link ApiServerRules}); {@code dryRun=All} on apply, create, update, patch and delete
 *     validates and answers without storing. A refused JSON or merge patch (no apply) is undone by writing the old
 *     object back, so its resourceVersion moves where a real server's would not.</li>
 * <li>Writes and reads can be refused per path ({@link #forbidWrites}, {@link #forbidReads}) to test 403 handling; a
 *     real server asks RBAC.</li>
 * <li>An update carrying a stale resourceVersion is refused with 409 Conflict, as a real server does (fabric8's CRUD
 *     mode checks it; {@code KubeConfigStoreTest} relies on it).</li>
 * <li>{@code metadata.generation} is kept as a real server keeps it (1 on create, +1 on each spec change); nothing
 *     sets {@code status.observedGeneration} but the test's controllers ({@link ControllerLoop}).</li>
 * <li>No defaulting, admission (other than volume resize), or garbage collection: deleting a StatefulSet leaves
 *     its pods whatever the propagation policy (a real server deletes them unless it is {@code Orphan}), and
 *     deletion is immediate (a real server keeps an object with finalizers until they are done); no StatefulSet
 *     controller creates pods or claims (tests play it); CRUD keeps a Secret's stringData as is (a real server moves
 *     it to base64 data).</li>
 * </ul>
 */
public final class MockApiServer implements AutoCloseable {

    /** {@code /apis/group/version/[namespaces/ns/]plural...}: group, version, plural. */
    private static final Pattern CUSTOM_RESOURCE = Pattern.compile("^/apis/([^/]+\\.[^/]+)/([^/]+)/(?:namespaces/[^/]+/)?([^/]+).*$");
    private static final java.util.Set<String> BUILT_IN_GROUPS = java.util.Set.of("apps", "batch", "policy", "autoscaling");
    private static final Pattern PORT_FORWARD = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward$");
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
    private final Map<String, java.util.function.Supplier<String>> logs = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Supplier<String>> previousLogs = new ConcurrentHashMap<>();
    private final java.util.Set<String> forbiddenWrites = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> forbiddenReads = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> servedCustomGroups = ConcurrentHashMap.newKeySet();
    private final java.util.List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile AccessPolicy policy = AccessPolicy.allowAll();
    private volatile String userName;
    private final FieldManagers fieldManagers = new FieldManagers();
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
        podLog(namespace, pod, () -> text);
    }

    /**
     * What {@code GET .../pods/NAME/log} answers for a pod (any container), read at each request: a lab process's log
     * file serves as the pod's log. {@code tailLines} is honoured; {@code follow=true} answers the same text and ends
     * the stream (a real server keeps it open while the container runs).
     */
    public void podLog(String namespace, String pod, java.util.function.Supplier<String> text) {
        logs.put("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log", text);
    }

    /** The previous (terminated) container's log; without one, {@code previous=true} fails as a real server does. */
    public void previousPodLog(String namespace, String pod, String text) {
        previousLogs.put("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log", () -> text);
    }

    /** Every create, update, patch and delete of an object the mock received, as "METHOD path", in order (not dry runs, not status). */
    public java.util.List<String> writes() {
        return java.util.List.copyOf(writes);
    }

    public void clearWrites() {
        writes.clear();
    }

    /** Writes to paths containing {@code pathPart} get 403 until {@link #allowWrites} is called. */
    /**
     * Serves a custom resource (its CRD "installed"). Custom resources of groups nothing was served for answer 404, as
     * on a real API server without the CRD (fabric8's CRUD mock would answer an empty list).
     */
    public void serveCustomResource(io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext context) {
        servedCustomGroups.add(context.getGroup() + "/" + context.getVersion() + "/" + context.getPlural());
        server.expectCustomResource(context);
    }

    /**
     * Refuses GETs (lists, watches) of paths containing {@code pathPart} with RBAC's 403, e.g. "/apis/monitoring.coreos.com/";
     * a part ending in {@code $} refuses that path only ("/api/v1/namespaces$": listing namespaces, not reading in one).
     */
    public void forbidReads(String pathPart) {
        forbiddenReads.add(pathPart);
    }

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
            if ("GET".equals(request.getMethod())) {
                for (String forbidden : forbiddenReads) {
                    if (forbidden.endsWith("$") ? bare.equals(forbidden.substring(0, forbidden.length() - 1)) : bare.contains(forbidden)) {
                        String resource = bare.substring(bare.lastIndexOf('/') + 1);
                        return status(403, "Forbidden", resource + " is forbidden: User \"" + userName + "\" cannot list resource \""
                                + resource + "\" at " + bare);
                    }
                }
            }
            Matcher custom = CUSTOM_RESOURCE.matcher(bare);
            if (custom.matches() && !custom.group(1).endsWith(".k8s.io") && !BUILT_IN_GROUPS.contains(custom.group(1))
                    && !servedCustomGroups.contains(custom.group(1) + "/" + custom.group(2) + "/" + custom.group(3))) {
                return status(404, "NotFound", "the server could not find the requested resource");
            }
            if (bare.equals("/version")) {
                return json(200, "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0-promdeck-mock\",\"platform\":\"linux/amd64\"}");
            }
            if (logs.containsKey(bare)) {
                return log(bare, path);
            }
            Matcher portForward = PORT_FORWARD.matcher(bare);
            if (portForward.matches()) {
                return portForward(portForward.group(1), portForward.group(2), query(path).get("ports"));
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
                return write(request, path, bare);
            }
            if (bare.equals("/apis/authentication.k8s.io/v1/selfsubjectreviews") && "POST".equals(request.getMethod())) {
                return userName == null ? status(404, "NotFound", "the server could not find the requested resource")
                        : json(201, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\","
                                + "\"status\":{\"userInfo\":{\"username\":\"" + userName + "\",\"groups\":[\"system:authenticated\"]}}}");
            }
            return super.dispatch(request);
        }

        private MockResponse write(RecordedRequest request, String path, String bare) {
            for (String forbidden : forbiddenWrites) {
                if (bare.contains(forbidden)) {
                    return status(403, "Forbidden", "User \"ops\" cannot " + request.getMethod().toLowerCase(java.util.Locale.ROOT)
                            + " resource at " + bare + ": RBAC: access denied");
                }
            }
            String contentType = request.getHeader("Content-Type");
            Map<String, String> query = query(path);
            boolean dryRun = "All".equals(query.get("dryRun"));
            if (!dryRun && !bare.endsWith("/status")) {
                writes.add(request.getMethod() + " " + bare + ("DELETE".equals(request.getMethod()) ? propagation(request, query) : ""));
            }
            if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.contains("apply-patch")) {
                return serverSideApply(request, bare, query.getOrDefault("fieldManager", ""), "true".equals(query.get("force")), dryRun);
            }
            if (objectPath(bare)) {
                switch (request.getMethod()) {
                    case "PUT" -> {
                        return update(request, bare, query.getOrDefault("fieldManager", "before-first-apply"), dryRun);
                    }
                    case "PATCH" -> {
                        return patch(request, bare, dryRun);
                    }
                    case "DELETE" -> {
                        if (dryRun) {
                            MockResponse existing = super.dispatch(internal(HttpMethod.GET, bare, null));
                            return existing.code() == 404 ? existing : json(200, existing.getBody().readUtf8());
                        }
                        fieldManagers.forget(bare);
                    }
                    default -> {
                        // handled below
                    }
                }
            }
            if ("POST".equals(request.getMethod())) {
                return create(request, bare, query.getOrDefault("fieldManager", "before-first-apply"), dryRun);
            }
            return super.dispatch(request);
        }

        /** A pod's log, as the kubelet answers through the API server: the last tailLines lines; previous only after a restart. */
        private MockResponse log(String bare, String path) {
            Map<String, String> query = query(path);
            boolean previous = "true".equals(query.get("previous"));
            java.util.function.Supplier<String> source = previous ? previousLogs.get(bare) : logs.get(bare);
            String pod = bare.substring(0, bare.length() - "/log".length());
            pod = pod.substring(pod.lastIndexOf('/') + 1);
            if (source == null) {
                return status(400, "BadRequest", "previous terminated container \"" + query.getOrDefault("container", "") + "\" in pod \""
                        + pod + "\" not found");
            }
            String text = source.get();
            if (query.containsKey("tailLines")) {
                int tail = Integer.parseInt(query.get("tailLines"));
                java.util.List<String> lines = java.util.List.of(text.split("\n", -1));
                boolean trailing = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty();
                java.util.List<String> body = trailing ? lines.subList(0, lines.size() - 1) : lines;
                body = body.subList(Math.max(0, body.size() - tail), body.size());
                text = String.join("\n", body) + (trailing && !body.isEmpty() ? "\n" : "");
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
        }

        /**
         * {@code pods/portforward} as the API server speaks it over a WebSocket (channel 0 data, channel 1 errors, each
         * opened with the port in two bytes): bytes go to and from whatever URL the test registered for the pod's
         * port with {@link #routePodProxy}, one TCP connection per WebSocket, as the kubelet opens one per stream.
         */
        private MockResponse portForward(String namespace, String pod, String ports) {
            int port;
            try {
                port = Integer.parseInt(ports == null ? "" : ports);
            } catch (NumberFormatException e) {
                return status(400, "BadRequest", "query parameter \"ports\" is required and must be one port number");
            }
            String target = proxyRoutes.get(namespace + "/" + pod + ":" + port);
            return new MockResponse().withWebSocketUpgrade(new PortForwardStream(port, target == null ? null : java.net.URI.create(target),
                    namespace + "/" + pod));
        }

        private static Map<String, String> query(String path) {
            Map<String, String> query = new java.util.HashMap<>();
            int at = path.indexOf('?');
            if (at >= 0) {
                for (String pair : path.substring(at + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return query;
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

        private MockResponse serverSideApply(RecordedRequest request, String objectPath, String manager, boolean force, boolean dryRun) {
            String body = request.getBody().readUtf8();
            MockResponse answer = serverSideApply(body, objectPath, manager, force, dryRun);
            // A real server applies atomically. Here the read-merge-write can lose a race with another write (a status
            // update by a controller) and get 409 for its own resourceVersion: merge again from the new state.
            for (int retry = 0; retry < 5 && answer.code() == 409 && new String(answer.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("the object has been modified"); retry++) {
                answer = serverSideApply(body, objectPath, manager, force, dryRun);
            }
            return answer;
        }

        private MockResponse serverSideApply(String body, String objectPath, String manager, boolean force, boolean dryRun) {
            if (manager.isEmpty()) {
                // A real server requires a field manager for apply.
                return status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                        + "is required for apply patch");
            }
            try {
                ObjectNode applied = (ObjectNode) YAML.readTree(body);
                MockResponse existing = super.dispatch(internal(HttpMethod.GET, objectPath, null));
                ObjectNode live = existing.code() == 404 ? null : (ObjectNode) JSON.readTree(existing.getBody().readUtf8());
                FieldManagers.Applied merged = fieldManagers.apply(objectPath, manager, live, applied, force, false);
                if (merged.conflict().isPresent()) {
                    return status(409, "Conflict", merged.conflict().get());
                }
                ObjectNode result = merged.object();
                if (live != null) {
                    ObjectNode metadata = (ObjectNode) result.with("metadata");
                    for (String kept : new String[] {"uid", "resourceVersion", "creationTimestamp"}) {
                        if (live.path("metadata").has(kept)) {
                            metadata.set(kept, live.path("metadata").get(kept));
                        }
                    }
                    java.util.Optional<ApiServerRules.Refusal> refusal = ApiServerRules.update(live, result, this::storageClass);
                    if (refusal.isPresent()) {
                        return json(refusal.get().code(), refusal.get().status().toString());
                    }
                }
                generation(live, result);
                if (dryRun) {
                    return json(live == null ? 201 : 200, result.toString());
                }
                MockResponse stored = live == null
                        ? super.dispatch(internal(HttpMethod.POST, objectPath.substring(0, objectPath.lastIndexOf('/')), result.toString()))
                        : super.dispatch(internal(HttpMethod.PUT, objectPath, result.toString()));
                if (stored.code() < 300) {
                    fieldManagers.apply(objectPath, manager, live, applied, force, true);
                }
                return stored;
            } catch (IOException | ClassCastException e) {
                return status(400, "BadRequest", "cannot read the applied object: " + e.getMessage());
            }
        }

        private MockResponse update(RecordedRequest request, String objectPath, String manager, boolean dryRun) {
            try {
                ObjectNode updated = (ObjectNode) JSON.readTree(request.getBody().readUtf8());
                MockResponse existing = super.dispatch(internal(HttpMethod.GET, objectPath, null));
                if (existing.code() == 404) {
                    return existing;
                }
                ObjectNode live = (ObjectNode) JSON.readTree(existing.getBody().readUtf8());
                java.util.Optional<ApiServerRules.Refusal> refusal = ApiServerRules.update(live, updated, this::storageClass);
                if (refusal.isPresent()) {
                    return json(refusal.get().code(), refusal.get().status().toString());
                }
                generation(live, updated);
                if (dryRun) {
                    return json(200, updated.toString());
                }
                MockResponse stored = super.dispatch(internal(HttpMethod.PUT, objectPath, updated.toString()));
                if (stored.code() < 300) {
                    fieldManagers.updated(objectPath, manager, live, updated);
                }
                return stored;
            } catch (IOException | ClassCastException e) {
                return status(400, "BadRequest", "cannot read the object: " + e.getMessage());
            }
        }

        private MockResponse patch(RecordedRequest request, String objectPath, boolean dryRun) {
            try {
                MockResponse existing = super.dispatch(internal(HttpMethod.GET, objectPath, null));
                if (existing.code() == 404) {
                    return existing;
                }
                String before = existing.getBody().readUtf8();
                ObjectNode live = (ObjectNode) JSON.readTree(before);
                MockResponse patched = super.dispatch(request);
                if (patched.code() >= 300) {
                    return patched;
                }
                String after = patched.getBody().readUtf8();
                ObjectNode result = (ObjectNode) JSON.readTree(after);
                java.util.Optional<ApiServerRules.Refusal> refusal = ApiServerRules.update(live, result, this::storageClass);
                if (refusal.isPresent() || dryRun) {
                    // Undo: write the old object back over the patched one.
                    ((ObjectNode) live.with("metadata")).set("resourceVersion", result.path("metadata").path("resourceVersion"));
                    super.dispatch(internal(HttpMethod.PUT, objectPath, live.toString()));
                }
                if (refusal.isPresent()) {
                    return json(refusal.get().code(), refusal.get().status().toString());
                }
                return json(patched.code(), after);
            } catch (IOException | ClassCastException e) {
                return status(400, "BadRequest", "cannot read the patch: " + e.getMessage());
            }
        }

        private MockResponse create(RecordedRequest request, String collection, String manager, boolean dryRun) {
            try {
                String body = request.getBody().readUtf8();
                JsonNode tree = JSON.readTree(body);
                if (!(tree instanceof ObjectNode created) || !created.path("metadata").has("name")) {
                    return super.dispatch(internal(HttpMethod.POST, collection, body));
                }
                String objectPath = collection + "/" + created.path("metadata").path("name").asText();
                if (dryRun) {
                    MockResponse existing = super.dispatch(internal(HttpMethod.GET, objectPath, null));
                    return existing.code() != 404 ? status(409, "AlreadyExists", created.path("kind").asText().toLowerCase(java.util.Locale.ROOT)
                            + "s \"" + created.path("metadata").path("name").asText() + "\" already exists") : json(201, body);
                }
                generation(null, created);
                MockResponse stored = super.dispatch(internal(HttpMethod.POST, collection, created.toString()));
                if (stored.code() < 300) {
                    fieldManagers.forget(objectPath);
                    fieldManagers.updated(objectPath, manager, null, created);
                }
                return stored;
            } catch (IOException e) {
                return status(400, "BadRequest", "cannot read the object: " + e.getMessage());
            }
        }

        /**
         * {@code metadata.generation} as a real server keeps it for objects with a spec: 1 on create, one more on each
         * change of the spec, unchanged otherwise (status and metadata changes do not count).
         */
        private void generation(ObjectNode live, ObjectNode updated) {
            if (!updated.has("spec")) {
                return;
            }
            long was = live == null ? 0 : live.path("metadata").path("generation").asLong(0);
            boolean changed = live == null || !live.path("spec").equals(updated.path("spec"));
            ((ObjectNode) updated.with("metadata")).put("generation", changed ? was + 1 : Math.max(was, 1));
        }

        /** " propagationPolicy=Orphan" when the delete names one (in DeleteOptions or the query), else "". */
        private String propagation(RecordedRequest request, Map<String, String> query) {
            String policy = query.get("propagationPolicy");
            if (policy == null && request.getBody() != null && request.getBody().size() > 0) {
                try {
                    policy = JSON.readTree(request.getBody().getBytes()).path("propagationPolicy").asText(null);
                } catch (IOException e) {
                    policy = null;
                }
            }
            return policy == null ? "" : " propagationPolicy=" + policy;
        }

        private JsonNode storageClass(String name) {
            if (name.isEmpty()) {
                return null;
            }
            MockResponse found = super.dispatch(internal(HttpMethod.GET, "/apis/storage.k8s.io/v1/storageclasses/" + name, null));
            try {
                return found.code() == 200 ? JSON.readTree(found.getBody().readUtf8()) : null;
            } catch (IOException e) {
                return null;
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

    /** Who owns which fields of the object at this API path (as server-side apply tracks them). */
    public Map<String, java.util.Set<String>> fieldOwners(String objectPath) {
        return fieldManagers.owners(objectPath);
    }

    private static final java.util.Set<String> NOT_OBJECTS = java.util.Set.of("status", "scale", "proxy", "log", "binding", "eviction",
            "exec", "attach", "portforward", "ephemeralcontainers", "resize");

    /** True for {@code /api/v1/namespaces/N/KIND/NAME} and {@code /apis/G/V/[namespaces/N/]KIND/NAME}, not subresources. */
    static boolean objectPath(String path) {
        String[] parts = path.substring(1).split("/");
        int start = parts[0].equals("api") ? 2 : parts[0].equals("apis") ? 3 : -1;
        if (start < 0) {
            return false;
        }
        int rest = parts.length - start;
        if (rest >= 2 && parts[start].equals("namespaces")) {
            // namespaces/N (the namespace object itself), namespaces/N/KIND/NAME
            return rest == 2 || rest == 4;
        }
        return rest == 2 && !NOT_OBJECTS.contains(parts[parts.length - 1]);
    }

    static Map<String, String> query(String path) {
        Map<String, String> out = new HashMap<>();
        int q = path.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
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

    /** One forwarded stream: a TCP connection to the pod's stand-in, its bytes framed on channel 0. */
    private static final class PortForwardStream extends io.fabric8.mockwebserver.http.WebSocketListener {
        private final int port;
        private final java.net.URI target;
        private final String pod;
        private volatile java.net.Socket socket;

        PortForwardStream(int port, java.net.URI target, String pod) {
            this.port = port;
            this.target = target;
            this.pod = pod;
        }

        @Override
        public void onOpen(io.fabric8.mockwebserver.http.WebSocket webSocket, io.fabric8.mockwebserver.http.Response response) {
            byte[] portBytes = {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
            webSocket.send(new byte[] {0, portBytes[0], portBytes[1]});
            webSocket.send(new byte[] {1, portBytes[0], portBytes[1]});
            try {
                if (target == null) {
                    throw new IOException("connection refused");
                }
                socket = new java.net.Socket(target.getHost(), target.getPort());
            } catch (IOException e) {
                byte[] message = ("error forwarding port " + port + " to pod " + pod + ": " + e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] frame = new byte[message.length + 1];
                frame[0] = 1;
                System.arraycopy(message, 0, frame, 1, message.length);
                webSocket.send(frame);
                webSocket.close(1000, "");
                return;
            }
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (java.io.InputStream in = socket.getInputStream()) {
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        byte[] frame = new byte[read + 1];
                        System.arraycopy(buffer, 0, frame, 1, read);
                        webSocket.send(frame);
                    }
                } catch (IOException e) {
                    // The stream was closed from the other side.
                }
                webSocket.close(1000, "");
            }, "mock-portforward-" + pod + ":" + port);
            pump.setDaemon(true);
            pump.start();
        }

        @Override
        public void onMessage(io.fabric8.mockwebserver.http.WebSocket webSocket, byte[] bytes) {
            if (bytes.length > 1 && bytes[0] == 0 && socket != null) {
                try {
                    socket.getOutputStream().write(bytes, 1, bytes.length - 1);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    webSocket.close(1011, "the pod's port closed");
                }
            }
        }

        @Override
        public void onClosing(io.fabric8.mockwebserver.http.WebSocket webSocket, int code, String reason) {
            closeSocket();
        }

        @Override
        public void onClosed(io.fabric8.mockwebserver.http.WebSocket webSocket, int code, String reason) {
            closeSocket();
        }

        private void closeSocket() {
            java.net.Socket open = socket;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // Already closed.
                }
            }
        }
    }
}
