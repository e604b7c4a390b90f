package io.promdeck.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.testing.Await;
import io.promdeck.testing.kube.MockApiServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pod logs through the mock API server's {@code pods/log}, which answers as a real one (tail, previous, follow). */
class ClusterLogsTest {

    private static final String NS = "monitoring";
    private static MockApiServer api;
    private static KubernetesClient client;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();
    private static ClusterLogs logs;

    @BeforeAll
    static void start() {
        api = new MockApiServer();
        client = api.server().createClient();
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("prometheus-0").endMetadata()
                .withNewSpec().addNewContainer().withName("prometheus").endContainer().addNewContainer().withName("thanos-sidecar").endContainer()
                .addNewInitContainer().withName("init-config").endInitContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("prometheus").withRestartCount(2).endContainerStatus().endStatus()
                .build()).create();
        api.podLog(NS, "prometheus-0", "line 1\nline 2\nline 3\nline 4\nline 5\n");
        logs = new ClusterLogs(client, "lab", NS, EXECUTOR);
    }

    @AfterAll
    static void stop() {
        client.close();
        api.close();
        EXECUTOR.shutdownNow();
    }

    @Test
    void podsAreListedWithTheirContainersAndRestarts() throws IOException {
        assertThat(logs.targets()).containsExactly(new LogSource.Target("prometheus-0", List.of("prometheus", "thanos-sidecar", "init-config"), 2));
    }

    @Test
    void theLastLinesAreRead() throws IOException {
        assertThat(logs.read(new LogSource.Request("prometheus-0", "prometheus", false, 3))).containsExactly("line 3", "line 4", "line 5");
        assertThat(logs.command(new LogSource.Request("prometheus-0", "prometheus", false, 3), true))
                .isEqualTo("kubectl --context lab -n monitoring logs prometheus-0 -c prometheus --tail=3 -f");
    }

    @Test
    void thePreviousLogFailsWithTheServersReasonUntilThereIsOne() throws IOException {
        LogSource.Request previous = new LogSource.Request("prometheus-0", "prometheus", true, 100);
        assertThatThrownBy(() -> logs.read(previous)).isInstanceOf(IOException.class)
                .hasMessage("cannot read the previous log of prometheus-0/prometheus: previous terminated container \"prometheus\" "
                        + "in pod \"prometheus-0\" not found (HTTP 400)");

        api.previousPodLog(NS, "prometheus-0", "before the crash\npanic: out of memory\n");
        assertThat(logs.read(previous)).containsExactly("before the crash", "panic: out of memory");
    }

    @Test
    void aFollowedLogDeliversLinesAndSaysWhenTheStreamEnds() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<String> ended = new AtomicReference<>();
        try (LogSource.Stream stream = logs.follow(new LogSource.Request("prometheus-0", "prometheus", false, 2), lines::add, ended::set)) {
            Await.until(Duration.ofSeconds(10), "the end of the stream", () -> ended.get() != null);
        }
        assertThat(lines).containsExactly("line 4", "line 5");
        assertThat(ended.get()).startsWith("the log stream ended");
    }

    @Test
    void aBadLineCountIsRefusedWithTheRange() {
        assertThatThrownBy(() -> new LogSource.Request("p", "c", false, 0)).hasMessage("the number of lines must be between 1 and 50000, not 0");
    }
}
