package io.promdeck.testing;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.AlertmanagerStatus;
import io.promdeck.app.alertmanager.ClusterState;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.sandbox.FreePorts;
import io.promdeck.app.sandbox.SandboxProcess;
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

    AlertmanagerPeer(SandboxProcess process, int port, int clusterPort, Path configFile, OkHttpClient http, int expectedPeers) {
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

    /**
     * Restarts this peer outside the gossip cluster (no {@code --cluster.peer}), as a peer cut off from the others:
     * what is created elsewhere meanwhile does not reach it. {@link #rejoin()} brings it back.
     */
    public void isolate() {
        process.stop();
        // A gossip port the others do not know: they keep calling the old one, and this peer calls nobody.
        int elsewhere = FreePorts.tcpAndUdp();
        start(process, process.command().stream().filter(arg -> !arg.startsWith("--cluster.peer="))
                .map(arg -> arg.startsWith("--cluster.listen-address=") ? "--cluster.listen-address=127.0.0.1:" + elsewhere
                        : arg.startsWith("--cluster.advertise-address=") ? "--cluster.advertise-address=127.0.0.1:" + elsewhere : arg)
                .toList());
        expectedPeers = 1;
        awaitReady();
    }

    /** Restarts this peer with its full command line: it joins the cluster again and syncs its state. */
    public void rejoin(int peers) {
        process.stop();
        start(process, process.command());
        expectedPeers = peers;
        awaitReady();
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
