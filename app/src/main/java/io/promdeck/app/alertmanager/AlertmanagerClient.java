package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.MalformedReplyException;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import io.promdeck.app.http.Listing;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.http.Reloads;
import io.promdeck.app.http.ReplyShape;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The Alertmanager v2 API of one peer, over whatever transport reaches it. */
public final class AlertmanagerClient {

    private final ComponentApi api;
    private final ObjectMapper mapper;

    public AlertmanagerClient(ComponentApi api) {
        this.api = api;
        this.mapper = api.mapper();
    }

    public String target() {
        return api.target();
    }

    public CallResult<AlertmanagerStatus> status() {
        return api.call(TransportRequest.get("/api/v2/status"), response -> AlertmanagerJson.status(tree(response)));
    }

    /** The previous reply's alerts by content, so an unchanged alert is not parsed again (see {@link AlertStreamReader}). */
    private final AlertStreamReader.Previous previousAlerts = new AlertStreamReader.Previous();

    /** Every alert the peer holds, active, silenced and inhibited alike; items it cannot read are kept apart. */
    public CallResult<Listing<Alert>> alerts() {
        return alerts(Map::of);
    }

    /**
     * {@link #alerts()}, where each alert that had to be parsed shares the labels, annotations and receivers of the alert
     * of its fingerprint in {@code known} (what the console holds from the other peers: {@link AlertSharing}).
     */
    public CallResult<Listing<Alert>> alerts(java.util.function.Supplier<Map<String, Alert>> known) {
        return api.call(TransportRequest.get("/api/v2/alerts"), response -> {
            ComponentApi.requireJsonBody(response);
            return AlertStreamReader.read(response.body(), previousAlerts, known);
        });
    }

    public CallResult<List<AlertGroup>> alertGroups() {
        return api.call(TransportRequest.get("/api/v2/alerts/groups"), response -> List.copyOf(AlertmanagerJson.groups(tree(response))));
    }

    /** Every silence the peer holds, expired ones included; a silence Promdeck cannot read is kept apart with its text. */
    public CallResult<Listing<Silence>> silences() {
        return api.call(TransportRequest.get("/api/v2/silences"), response -> AlertmanagerJson.silences(tree(response)));
    }

    public CallResult<Silence> silence(String id) {
        return api.call(TransportRequest.get("/api/v2/silence/" + encode(id)), response -> AlertmanagerJson.silence(tree(response)));
    }

    /**
     * Posts the draft as it is, without Promdeck's validation (see {@link SilenceService} for the checked path):
     * a new silence, or an update when the draft carries an existing id. Returns the silence id Alertmanager gives.
     */
    public CallResult<String> postSilence(SilenceDraft draft) {
        String body = api.toJson(AlertmanagerJson.postableSilence(mapper, draft));
        return api.call(TransportRequest.postJson("/api/v2/silences", body), response -> {
            JsonNode reply = tree(response);
            JsonNode id = reply.get("silenceID");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                throw new MalformedReplyException("the reply " + ReplyShape.describe(response)
                        + " has no silenceID, so it is not Alertmanager's answer to a new silence");
            }
            return id.asText();
        });
    }

    /**
     * Expires a silence now; expiring an already expired one succeeds, an unknown id is a 404. Alertmanager answers
     * with an empty 200: any other 2xx body (a login page) is an error, not an expiry.
     */
    public CallResult<String> expireSilence(String id) {
        return api.callExpectingEmpty(TransportRequest.delete("/api/v2/silence/" + encode(id)),
                "the empty reply Alertmanager sends when it expires a silence");
    }

    /** Posts alerts as Prometheus does ({@code POST /api/v2/alerts}, a JSON array of postable alerts). */
    public CallResult<String> postAlerts(String jsonArray) {
        return api.callForText(TransportRequest.postJson("/api/v2/alerts", jsonArray));
    }

    /** The peer's own {@code /metrics}, only samples whose names start with one of {@code prefixes}. */
    public CallResult<io.promdeck.app.metrics.MetricsText> metricsText(List<String> prefixes) {
        return io.promdeck.app.http.MetricsCall.read(api, prefixes);
    }

    /** The peer's own metrics in the Prometheus text format. */
    public CallResult<String> metrics() {
        return api.callForText(TransportRequest.get("/metrics"));
    }

    /**
     * {@code POST /-/reload}, confirmed from the peer's own reload metrics; a rejection carries Alertmanager's own
     * message (e.g. an undefined receiver).
     */
    public ReloadResult reload() {
        return Reloads.reload(api, "Alertmanager", "alertmanager");
    }

    private JsonNode tree(TransportResponse response) throws IOException {
        ComponentApi.requireJsonBody(response);
        JsonNode node = mapper.readTree(response.body());
        if (node == null) {
            throw new MalformedReplyException("empty body where JSON was expected");
        }
        return node;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
