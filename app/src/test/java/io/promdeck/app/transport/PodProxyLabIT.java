package io.promdeck.app.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.alertmanager.Peer;
import io.promdeck.app.alertmanager.SilenceDraft;
import io.promdeck.app.alertmanager.SilenceOutcome;
import io.promdeck.app.alertmanager.SilenceService;
import io.promdeck.app.cluster.ClusterConnection;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.cluster.StackDiscovery;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.http.Origin;
import io.promdeck.app.http.ReloadResult;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end through the Kubernetes path: kubeconfig → fabric8 client → mock API server → {@code pods/proxy} → the
 * lab's real Prometheus and Alertmanager processes.
 */
class PodProxyLabIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final String NS = "monitoring";
    private static MockApiServer api;
    private static ClusterConnection connection;
    private static Path dir;

    @BeforeAll
    static void connect() throws Exception {
        api = new MockApiServer();
        dir = Files.createTempDirectory("promdeck-proxy-it");
        Path kubeconfig = new KubeconfigWriter().cluster("lab", api.url()).tokenUser("ops", "t").context("lab", "lab", "ops", NS)
                .write(dir.resolve("config"));
        Kubeconfig config = new KubeconfigResolver(Map.of("KUBECONFIG", kubeconfig.toString()), dir).load();
        connection = new ClusterConnection(config.login("lab"));
        for (int i = 0; i < 2; i++) {
            seedPod("prometheus-" + i, "prometheus", 9090);
            api.routePodProxy(NS, "prometheus-" + i, 9090, LAB.lab().prometheus(i).url());
        }
        for (int i = 0; i < 3; i++) {
            seedPod("alertmanager-" + i, "alertmanager", 9093);
            api.routePodProxy(NS, "alertmanager-" + i, 9093, LAB.lab().alertmanager(i).url());
        }
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        api.close();
    }

    private static void seedPod(String name, String component, int port) {
        connection.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", component)).endMetadata()
                .withNewSpec().addNewContainer().withName(component).withImage(component)
                .addNewPort().withName("web").withContainerPort(port).endPort().endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
    }

    private static StackEndpoints endpoints() {
        DiscoveredStack stack = new StackDiscovery(connection.client()).discover(NS, Map.of());
        return new ClusterEndpoints(connection.client(), HttpClients.defaults().build(), stack, TransportMode.POD_PROXY).endpoints();
    }

    private static PrometheusClient prometheus(Endpoint endpoint) {
        return new PrometheusClient(new ComponentApi(endpoint.transport()));
    }

    @Test
    void discoveredPodsAreReachedThroughTheProxy() {
        StackEndpoints endpoints = endpoints();

        assertThat(endpoints.of(Component.PROMETHEUS)).extracting(Endpoint::name).containsExactly("prometheus-0", "prometheus-1");
        assertThat(endpoints.of(Component.ALERTMANAGER)).hasSize(3);
        Endpoint first = endpoints.of(Component.PROMETHEUS).get(0);
        assertThat(first.transport().target()).isEqualTo("pod monitoring/prometheus-0:9090");
        assertThat(prometheus(first).config().orElseThrow().yaml()).contains("replica: prometheus-0");
    }

    @Test
    void reloadThroughTheProxySucceedsAndCarriesPrometheusErrorWhenBroken() {
        Endpoint second = endpoints().of(Component.PROMETHEUS).get(1);
        PrometheusReplica replica = LAB.lab().prometheus(1);

        assertThat(prometheus(second).reload().outcome()).isEqualTo(ReloadResult.Outcome.RELOADED);
        try {
            replica.writeConfig(replica.originalConfig().replace("evaluation_interval: 1s", "evaluation_interval: 1 second"));

            int before = api.forwardedCount("POST", NS + "/prometheus-1:9090/-/reload");

            ReloadResult broken = prometheus(second).reload();

            assertThat(broken.outcome()).isEqualTo(ReloadResult.Outcome.REJECTED);
            assertThat(broken.message()).contains("couldn't load configuration").contains("1 second");
            // A 500 is Prometheus' answer, not a transport failure: the POST went exactly once.
            assertThat(api.forwardedCount("POST", NS + "/prometheus-1:9090/-/reload")).isEqualTo(before + 1);
        } finally {
            replica.restoreConfig();
            assertThat(prometheus(second).reload().succeeded()).isTrue();
        }
    }

    @Test
    void silenceCreatedThroughTheProxyIsConfirmedOnAllThreePeers() throws InterruptedException {
        List<Peer> peers = endpoints().of(Component.ALERTMANAGER).stream()
                .map(e -> new Peer(e.name(), new AlertmanagerClient(new ComponentApi(e.transport())))).toList();
        SilenceService service = new SilenceService(peers, Clock.systemUTC());

        SilenceOutcome outcome = service.save(SilenceDraft.starting(Instant.now(), Duration.ofMinutes(15),
                Matchers.parse("alertname=\"ProxyTest\""), "ops", "through the API server proxy"), SilenceService.DEFAULT_CONFIRM_WITHIN);

        assertThat(outcome).isInstanceOfSatisfying(SilenceOutcome.Done.class, done -> {
            assertThat(done.confirmation()).hasToString("confirmed on 3/3 peers");
            assertThat(done.acceptedBy()).isEqualTo("alertmanager-0");
        });
        String id = ((SilenceOutcome.Done) outcome).silenceId();
        assertThat(LAB.lab().alertmanager(2).client().silence(id).orElseThrow().createdBy()).isEqualTo("ops");
        service.expire(id, Duration.ZERO);
    }

    @Test
    void aPodTheProxyCannotReachIsAProxyErrorNotTheComponents() {
        PrometheusClient ghost = new PrometheusClient(new ComponentApi(new PodProxyTransport(connection.client(), NS, "prometheus-9", 9090)));

        ReloadResult result = ghost.reload();

        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.NOT_DELIVERED);
        assertThat(result.error()).get().isInstanceOfSatisfying(CallError.HttpError.class, e -> {
            assertThat(e.origin()).isEqualTo(Origin.PROXY);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.message()).contains("error trying to reach service");
        });
    }

    @Test
    void portForwardOpensALoopbackPortAndClosesIt() throws IOException {
        OkHttpClient http = HttpClients.defaults().build();
        PortForwardTransport forward = new PortForwardTransport(connection.client(), http, NS, "prometheus-0", 9090);
        try {
            forward.open();
            int port = forward.localPort();

            assertThat(port).isPositive();
            assertThat(canConnect(port)).isTrue();

            forward.close();

            assertThat(forward.localPort()).isEqualTo(-1);
            // fabric8 closes the listening socket on its own thread: wait for it, boundedly.
            io.promdeck.testing.Await.until(java.time.Duration.ofSeconds(10), "the forwarded port to close", () -> !canConnect(port));
        } finally {
            forward.close();
        }
    }

    /** Runs a copied command in a shell, as the operator would paste it, with {@code TOKEN} set; returns its output. */
    private static String run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("TOKEN", "t");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, text).isZero();
        return text;
    }

    @Test
    void aCopiedCurlThroughTheProxyGivesTheConsolesAnswerWithoutTheToken() throws Exception {
        io.promdeck.app.http.Transport proxy = endpoints().of(io.promdeck.app.cluster.Component.PROMETHEUS).get(0).transport();
        String curl = io.promdeck.app.http.CopyAs.curl(proxy, "GET", "/api/v1/status/buildinfo", Optional.empty()).orElseThrow();

        assertThat(curl).isEqualTo("curl -sS -H \"Authorization: Bearer $TOKEN\" " + api.url().replaceAll("/$", "")
                + "/api/v1/namespaces/monitoring/pods/prometheus-0:9090/proxy/api/v1/status/buildinfo");
        String console = new String(proxy.exchange(io.promdeck.app.http.TransportRequest.get("/api/v1/status/buildinfo")).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run(curl)).isEqualTo(console).contains("\"status\":\"success\"");
        assertThat(io.promdeck.app.http.CopyAs.kubectl(proxy, "lab", "POST", "/-/reload")).contains(
                "kubectl --context lab create --raw /api/v1/namespaces/monitoring/pods/prometheus-0:9090/proxy/-/reload -f /dev/null");
    }

    @Test
    void aCopiedReloadReachesThePodThroughTheProxy() throws Exception {
        io.promdeck.app.http.Transport proxy = endpoints().of(io.promdeck.app.cluster.Component.PROMETHEUS).get(1).transport();
        int before = api.forwardedCount("POST", "monitoring/prometheus-1:9090/-/reload");

        run(io.promdeck.app.http.CopyAs.curl(proxy, "POST", "/-/reload", Optional.empty()).orElseThrow() + " --fail");

        assertThat(api.forwardedCount("POST", "monitoring/prometheus-1:9090/-/reload")).isEqualTo(before + 1);
    }

    @Test
    void aCopiedAmtoolSilenceIsCreatedOnTheRealAlertmanager() throws Exception {
        io.promdeck.app.http.Transport direct = new io.promdeck.app.http.DirectTransport(HttpClients.defaults().build(),
                LAB.lab().alertmanager(0).url());
        String amtool = io.promdeck.app.http.CopyAs.amtool(direct, "lab", io.promdeck.app.http.CopyAs.silenceAdd(
                java.util.List.of(io.promdeck.app.http.CopyAs.matcher("alertname", "=", "CopyAsProbe"),
                        io.promdeck.app.http.CopyAs.matcher("instance", "=~", "node-\"a\".*")),
                "ops@example.com", "copied from the console's", java.time.Instant.now().plusSeconds(600)));

        assertThat(io.promdeck.app.http.CopyAs.amtool(endpoints().of(Component.ALERTMANAGER).get(2).transport(), "lab",
                java.util.List.of("silence", "query"))).isEqualTo("kubectl --context lab -n monitoring port-forward pod/alertmanager-2 9093:9093"
                        + " & sleep 2; amtool --alertmanager.url=http://127.0.0.1:9093 silence query");
        assertThat(amtool).startsWith("amtool --alertmanager.url=" + LAB.lab().alertmanager(0).url() + " silence add")
                .contains("'--comment=copied from the console'\\''s'");
        String id = run(amtool).strip();

        assertThat(LAB.lab().alertmanager(0).client().silences().orElseThrow().items())
                .anySatisfy(silence -> {
                    assertThat(silence.id()).isEqualTo(id);
                    assertThat(silence.comment()).isEqualTo("copied from the console's");
                    assertThat(silence.matchers()).extracting(Object::toString)
                            .containsExactlyInAnyOrder("alertname=\"CopyAsProbe\"", "instance=~\"node-\\\"a\\\".*\"");
                });
    }

    @Test
    void realHttpTravelsThroughTheForwardedPort() throws Exception {
        OkHttpClient http = HttpClients.defaults().build();
        try (PortForwardTransport forward = new PortForwardTransport(connection.client(), http, NS, "alertmanager-1", 9093)) {
            io.promdeck.app.http.TransportResponse status = forward.exchange(io.promdeck.app.http.TransportRequest.get("/api/v2/status"));
            io.promdeck.app.http.TransportResponse again = forward.exchange(io.promdeck.app.http.TransportRequest.get("/-/ready"));

            assertThat(status.status()).isEqualTo(200);
            assertThat(new String(status.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"cluster\"").contains("\"versionInfo\"");
            assertThat(again.status()).isEqualTo(200);
            assertThat(forward.address()).get().extracting(io.promdeck.app.http.Transport.Address::baseUrl)
                    .isEqualTo("http://127.0.0.1:" + forward.localPort());
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
