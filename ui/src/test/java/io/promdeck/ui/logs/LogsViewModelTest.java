package io.promdeck.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.app.logs.ClusterLogs;
import io.promdeck.testing.kube.MockApiServer;
import io.promdeck.ui.common.Tasks;
import io.promdeck.ui.session.SessionModel;
import io.promdeck.ui.testing.DirectTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Logs panel's model without the FX toolkit, reading through the mock API server's pods/log. */
class LogsViewModelTest {

    private static final String NS = "monitoring";
    private static MockApiServer api;
    private static KubernetesClient client;
    private final Tasks tasks = DirectTasks.create();
    private final LogsViewModel model = new LogsViewModel(new SessionModel(tasks, null, null, Clock.systemUTC()), tasks, Clock.systemUTC());

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        api = new MockApiServer();
        client = api.server().createClient();
        for (String pod : new String[] {"thanos-query-0", "prometheus-0"}) {
            client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod).endMetadata()
                    .withNewSpec().addNewContainer().withName(pod.replaceAll("-\\d+$", "")).endContainer()
                    .addNewContainer().withName("sidecar").endContainer().endSpec().build()).create();
        }
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            log.append("line ").append(i).append(i % 10 == 0 ? " level=error" : "").append('\n');
        }
        api.podLog(NS, "prometheus-0", log.toString());
    }

    @AfterAll
    static void stop() {
        client.close();
        api.close();
    }

    private void useCluster() {
        model.use(Optional.of(new ClusterLogs(client, "lab", NS, tasks.executor())), "none");
    }

    @Test
    void podsAreListedAndTheFirstContainerIsPicked() {
        useCluster();

        assertThat(model.targets()).extracting(t -> t.pod()).containsExactly("prometheus-0", "thanos-query-0");
        assertThat(model.podProperty().get().pod()).isEqualTo("prometheus-0");
        assertThat(model.containers()).containsExactly("prometheus", "sidecar");
        assertThat(model.containerProperty().get()).isEqualTo("prometheus");
    }

    @Test
    void aBadLineCountIsReportedAtTheFieldAndNothingIsRead() {
        useCluster();
        model.tailProperty().set("-3");

        model.show();

        assertThat(model.tailErrorProperty().get()).isEqualTo("the number of lines must be between 1 and 50000, not -3");
        assertThat(model.lines()).isEmpty();
        assertThat(model.commandProperty().get()).isEmpty();
    }

    @Test
    void showReadsTheLastLinesSearchFindsThemAndTheDownloadIsPrivate() throws IOException {
        useCluster();
        model.tailProperty().set("12");

        model.show();

        assertThat(model.lines()).hasSize(12).startsWith("line 19").endsWith("line 30 level=error");
        assertThat(model.commandProperty().get()).isEqualTo("kubectl --context lab -n monitoring logs prometheus-0 -c prometheus --tail=12");
        model.searchProperty().set("LEVEL=ERROR");
        assertThat(model.matchesProperty().get()).isEqualTo(2);
        assertThat(model.nextMatch(-1, true)).isEqualTo(1);
        assertThat(model.nextMatch(1, true)).isEqualTo(11);
        assertThat(model.nextMatch(11, true)).isEqualTo(1);
        assertThat(model.nextMatch(1, false)).isEqualTo(11);

        Path file = dir.resolve("prometheus-0.log");
        model.download(file);
        assertThat(Files.readAllLines(file)).containsExactlyElementsOf(model.lines());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(model.statusProperty().get()).isEqualTo("Saved 12 lines to " + file + ".");
    }

    @Test
    void aFollowedLogThatEndsSaysSoAndKeepsItsLines() {
        useCluster();
        model.tailProperty().set("3");

        model.follow();

        assertThat(model.lines()).containsExactly("line 28", "line 29", "line 30 level=error");
        assertThat(model.followingProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("3 lines; the log stream ended");
    }

    @Test
    void withoutASourceThePanelSaysWhy() {
        model.use(Optional.empty(), "A direct-URL profile reaches the components' HTTP APIs only: it has no logs.");

        assertThat(model.statusProperty().get()).contains("no logs");
        assertThat(model.targets()).isEmpty();
    }
}
