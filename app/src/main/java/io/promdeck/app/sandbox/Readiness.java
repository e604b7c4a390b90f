package io.promdeck.app.sandbox;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Whether a local process really serves: Prometheus' {@code /-/ready}; an Alertmanager's cluster status
 * {@code ready} with every peer seen ({@code /-/ready} answers 200 while the gossip still settles); node-exporter's
 * {@code /metrics}; InfluxDB's {@code /ping}.
 */
public final class Readiness {

    /** One look: ready or not, and what was seen, for the progress line and a timeout's message. */
    public record Probe(boolean ready, String seen) {
    }

    private final OkHttpClient http;

    public Readiness(OkHttpClient http) {
        this.http = http;
    }

    public Probe probe(Member member, int peers) {
        return switch (member.program()) {
            case PROMETHEUS -> status(member.url() + "/-/ready", 200);
            case NODE_EXPORTER -> status(member.url() + "/metrics", 200);
            case INFLUXDB -> status(member.url() + "/ping", 204);
            case ALERTMANAGER -> cluster(member, peers);
        };
    }

    private Probe cluster(Member member, int peers) {
        CallResult<AlertmanagerStatus> status = new AlertmanagerClient(new ComponentApi(new DirectTransport(http, member.url()))).status();
        if (status instanceof CallResult.Failed<AlertmanagerStatus> failed) {
            return new Probe(false, failed.error().summary());
        }
        AlertmanagerStatus s = status.orElseThrow();
        boolean ready = s.clusterState() == ClusterState.READY && s.peers().size() >= peers;
        return new Probe(ready, "cluster " + s.clusterState().name().toLowerCase(java.util.Locale.ROOT) + " with " + s.peers().size() + " of "
                + peers + " peers");
    }

    private Probe status(String url, int expected) {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return new Probe(response.code() == expected, "HTTP " + response.code());
        } catch (IOException e) {
            return new Probe(false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
