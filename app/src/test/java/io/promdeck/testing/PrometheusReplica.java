package io.promdeck.testing;

import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.sandbox.SandboxProcess;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** One real Prometheus of the lab. */
public final class PrometheusReplica extends LabMember {

    private final PrometheusClient client;

    PrometheusReplica(SandboxProcess process, int port, Path configFile, OkHttpClient http) {
        super(process, port, configFile);
        this.client = new PrometheusClient(new ComponentApi(new DirectTransport(http, url())));
    }

    /** A client straight to this replica. */
    public PrometheusClient client() {
        return client;
    }

    @Override
    public boolean readyNow() {
        return process.alive() && client.ready().isOk();
    }

    @Override
    public void awaitReady() {
        Await.until(Duration.ofSeconds(30), name() + " /-/ready", () -> {
            if (!process.alive()) {
                throw new AssertionError(name() + " exited while starting:\n" + process.logTail(20));
            }
            return client.ready().isOk();
        });
    }
}
