package io.promdeck.testing;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** One real Alertmanager of the lab's gossip cluster. */
public final class AlertmanagerPeer extends LabMember {

    /** Settling takes about 10 s after a start; leave room on a loaded CI machine. */
    public static final Duration CLUSTER_READY_TIMEOUT = Duration.ofSeconds(45);

    private final int clusterPort;
    private final AlertmanagerClient client;
    private volatile int expectedPeers;

    AlertmanagerPeer(LabProcess process, int port, int clusterPort, Path configFile, OkHttpClient http, int expectedPeers) {
        super(process, port, configFile);
        this.clusterPort = clusterPort;
        this.client = new AlertmanagerClient(new ComponentApi(new DirectTransport(http, url())));
        this.expectedPeers = expectedPeers;
    }

    public int clusterPort() {
        return clusterPort;
    }

    public AlertmanagerClient client() {
        return client;
    }

    /** Ready means {@code cluster.status == ready} and every expected peer seen: {@code /-/ready} is 200 while settling. */
    @Override
    public boolean readyNow() {
        if (!process.alive()) {
            return false;
        }
        CallResult<AlertmanagerStatus> status = client.status();
        return status.ok().map(s -> s.clusterState() == ClusterState.READY && s.peers().size() >= expectedPeers).orElse(false);
    }

    @Override
    public void awaitReady() {
        Await.until(CLUSTER_READY_TIMEOUT, name() + " cluster ready with " + expectedPeers + " peers", () -> {
            if (!process.alive()) {
                throw new AssertionError(name() + " exited while starting:\n" + process.logTail(20));
            }
            return readyNow();
        }, () -> client.status().ok().map(s -> s.clusterState() + " with " + s.peers().size() + " peers").orElse("no status"));
    }
}
