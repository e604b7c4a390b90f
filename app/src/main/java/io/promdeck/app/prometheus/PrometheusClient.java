package io.promdeck.app.prometheus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.http.ApiEnvelope;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.MalformedReplyException;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.http.Reloads;
import io.promdeck.app.http.TransportRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The Prometheus HTTP API of one replica, over whatever transport reaches it. */
public final class PrometheusClient {

    /** The external label HA replicas differ in, unless the stack says otherwise. */
    public static final String DEFAULT_REPLICA_LABEL = "replica";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final ComponentApi api;
    private final ObjectMapper mapper;
    private final String replicaLabel;

    public PrometheusClient(ComponentApi api, String replicaLabel) {
        this.api = api;
        this.mapper = api.mapper();
        this.replicaLabel = replicaLabel;
    }

    public PrometheusClient(ComponentApi api) {
        this(api, DEFAULT_REPLICA_LABEL);
    }

    public String target() {
        return api.target();
    }

    public CallResult<BuildInfo> buildInfo() {
        return api.call(TransportRequest.get("/api/v1/status/buildinfo"), ApiEnvelope.dataAs(mapper, BuildInfo.class));
    }

    public CallResult<RuntimeInfo> runtimeInfo() {
        return api.call(TransportRequest.get("/api/v1/status/runtimeinfo"), ApiEnvelope.dataAs(mapper, RuntimeInfo.class));
    }

    public CallResult<Map<String, String>> flags() {
        return api.call(TransportRequest.get("/api/v1/status/flags"),
                response -> ApiEnvelope.stringMap(ApiEnvelope.data(response, mapper), "data"));
    }

    public CallResult<LoadedConfig> config() {
        return api.call(TransportRequest.get("/api/v1/status/config"), response -> {
            JsonNode yaml = ApiEnvelope.required(ApiEnvelope.data(response, mapper), "yaml");
            if (!yaml.isTextual()) {
                throw new MalformedReplyException("'yaml' is not a string");
            }
            return ServedConfig.read(yaml.asText(), replicaLabel);
        });
    }

    public CallResult<TargetSummary> targets() {
        return api.call(TransportRequest.get("/api/v1/targets?state=active"), response -> {
            JsonNode active = ApiEnvelope.required(ApiEnvelope.data(response, mapper), "activeTargets");
            if (!active.isArray()) {
                throw new MalformedReplyException("'activeTargets' is not a list");
            }
            Map<String, int[]> counts = new TreeMap<>();
            Map<String, Set<String>> errors = new TreeMap<>();
            Map<String, List<String>> down = new TreeMap<>();
            for (JsonNode target : active) {
                String job = target.path("scrapePool").asText(target.path("labels").path("job").asText(""));
                int[] c = counts.computeIfAbsent(job, k -> new int[3]);
                String health = ApiEnvelope.required(target, "health").asText();
                switch (health) {
                    case "up" -> c[0]++;
                    case "down" -> {
                        c[1]++;
                        down.computeIfAbsent(job, k -> new ArrayList<>()).add(target.path("labels").path("instance")
                                .asText(target.path("scrapeUrl").asText("")));
                    }
                    default -> c[2]++;
                }
                String lastError = target.path("lastError").asText("");
                if (!lastError.isEmpty()) {
                    errors.computeIfAbsent(job, k -> new LinkedHashSet<>()).add(lastError);
                }
            }
            Map<String, TargetSummary.JobTargets> jobs = new TreeMap<>();
            counts.forEach((job, c) -> jobs.put(job,
                    new TargetSummary.JobTargets(job, c[0], c[1], c[2], List.copyOf(errors.getOrDefault(job, Set.of())),
                            down.getOrDefault(job, List.of()))));
            return new TargetSummary(jobs);
        });
    }

    public CallResult<List<RuleGroup>> rules() {
        return api.call(TransportRequest.get("/api/v1/rules"), response -> {
            JsonNode groups = ApiEnvelope.required(ApiEnvelope.data(response, mapper), "groups");
            if (!groups.isArray()) {
                throw new MalformedReplyException("'groups' is not a list");
            }
            List<RuleGroup> out = new ArrayList<>();
            for (JsonNode group : groups) {
                JsonNode rules = group.path("rules");
                if (!group.isObject() || !rules.isArray()) {
                    throw new MalformedReplyException("a rule group is not an object with a list of rules");
                }
                List<RuleGroup.Rule> list = new ArrayList<>();
                for (JsonNode rule : rules) {
                    if (!rule.isObject()) {
                        throw new MalformedReplyException("a rule is not an object");
                    }
                    int firing = 0;
                    for (JsonNode alert : rule.path("alerts")) {
                        if ("firing".equals(alert.path("state").asText())) {
                            firing++;
                        }
                    }
                    list.add(new RuleGroup.Rule(text(rule, "name"), text(rule, "type"), rule.path("query").asText(""),
                            rule.path("health").asText(""), rule.path("lastError").asText(""), rule.path("state").asText(""),
                            ApiEnvelope.stringMap(rule.path("labels"), "labels"), firing, rule.path("duration").asDouble(0),
                            ApiEnvelope.stringMap(rule.path("annotations"), "annotations")));
                }
                out.add(new RuleGroup(text(group, "name"), group.path("file").asText(""), group.path("interval").asDouble(0), list));
            }
            return List.copyOf(out);
        });
    }

    private static String text(JsonNode node, String field) throws MalformedReplyException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedReplyException("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    public CallResult<List<PrometheusAlert>> alerts() {
        return api.call(TransportRequest.get("/api/v1/alerts"), response -> {
            JsonNode alerts = ApiEnvelope.required(ApiEnvelope.data(response, mapper), "alerts");
            if (!alerts.isArray()) {
                throw new MalformedReplyException("'alerts' is not a list");
            }
            List<PrometheusAlert> out = new ArrayList<>();
            for (JsonNode alert : alerts) {
                if (!alert.isObject()) {
                    throw new MalformedReplyException("an alert is not an object");
                }
                java.time.Instant activeAt = null;
                if (alert.hasNonNull("activeAt")) {
                    try {
                        activeAt = java.time.Instant.parse(text(alert, "activeAt"));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new MalformedReplyException("'activeAt' is not a timestamp");
                    }
                }
                out.add(new PrometheusAlert(ApiEnvelope.stringMap(alert.path("labels"), "labels"),
                        ApiEnvelope.stringMap(alert.path("annotations"), "annotations"), text(alert, "state"), activeAt,
                        alert.path("value").asText("")));
            }
            return List.copyOf(out);
        });
    }

    public CallResult<HeadStats> headStats() {
        return api.call(TransportRequest.get("/api/v1/status/tsdb"), response -> {
            JsonNode head = ApiEnvelope.required(ApiEnvelope.data(response, mapper), "headStats");
            return mapper.treeToValue(head, HeadStats.class);
        });
    }

    public CallResult<DiscoveredAlertmanagers> alertmanagers() {
        return api.call(TransportRequest.get("/api/v1/alertmanagers"), response -> {
            JsonNode data = ApiEnvelope.data(response, mapper);
            return new DiscoveredAlertmanagers(urls(data.path("activeAlertmanagers")), urls(data.path("droppedAlertmanagers")));
        });
    }

    /** The replica's own {@code /metrics}, only samples whose names start with one of {@code prefixes}. */
    public CallResult<io.promdeck.app.metrics.MetricsText> metricsText(List<String> prefixes) {
        return io.promdeck.app.http.MetricsCall.read(api, prefixes);
    }

    /** An instant query that must return a vector (e.g. the ingestion rate for a sparkline). */
    public CallResult<List<Sample>> queryVector(String promql) {
        String path = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        return api.call(TransportRequest.get(path), response -> {
            JsonNode data = ApiEnvelope.data(response, mapper);
            String type = data.path("resultType").asText();
            if (!"vector".equals(type)) {
                throw new MalformedReplyException("expected a vector result, got '" + type + "'");
            }
            List<Sample> samples = new ArrayList<>();
            for (JsonNode item : data.path("result")) {
                JsonNode pair = item.path("value");
                Map<String, String> labels = ApiEnvelope.stringMap(item.path("metric"), "metric");
                if (!pair.isArray() || pair.size() != 2 || !pair.path(0).isNumber() || !pair.path(1).isTextual()) {
                    throw new MalformedReplyException("a sample's 'value' is not [time, \"number\"]");
                }
                samples.add(new Sample(labels, pair.path(0).asDouble(), parseValue(pair.path(1).asText())));
            }
            return List.copyOf(samples);
        });
    }

    /**
     * {@code POST /-/reload}; needs {@code --web.enable-lifecycle}. Confirmed from the replica's own reload metrics; a
     * rejection carries Prometheus' own message.
     */
    public ReloadResult reload() {
        return Reloads.reload(api, "Prometheus", "prometheus");
    }

    /** {@code /-/ready}: 200 once the TSDB is open and the first config loaded. */
    public CallResult<String> ready() {
        return api.callForText(TransportRequest.get("/-/ready"));
    }

    private static List<String> urls(JsonNode array) {
        List<String> urls = new ArrayList<>();
        for (JsonNode node : array) {
            urls.add(node.path("url").asText());
        }
        return urls;
    }

    private static double parseValue(String text) throws IOException {
        try {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            throw new MalformedReplyException("sample value is not a number: " + text);
        }
    }
}
