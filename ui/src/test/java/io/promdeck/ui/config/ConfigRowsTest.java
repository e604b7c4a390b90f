package io.promdeck.ui.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.config.ConfigTransaction;
import io.promdeck.app.config.LoadedMatch;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a replica's loaded state, an apply's progress and a routing test read: pure, no FX toolkit. */
class ConfigRowsTest {

    @Test
    void aReplicaSaysWhatItRunsOrThatItIsUnknownAndHowTheApplyWent() {
        ConfigReplicaRow same = ConfigReplicaRow.of("prometheus-0", "file /a", CallResult.ok(new LoadedMatch.Match(true, "abc", "abc", List.of()),
                Duration.ZERO));
        assertThat(same.loaded()).isEqualTo("runs its source (abc)");
        assertThat(same.differs()).isFalse();
        ConfigReplicaRow differs = ConfigReplicaRow.of("prometheus-1", "file /b", CallResult.ok(new LoadedMatch.Match(false, "abc", "def",
                List.of("global.scrape_interval: 5s ≠ 10s", "x")), Duration.ZERO));
        assertThat(differs.loaded()).isEqualTo("differs from its source: global.scrape_interval: 5s ≠ 10s (+1 more)");
        ConfigReplicaRow unknown = ConfigReplicaRow.of("prometheus-1", "file /b", CallResult.failed(new CallError.Unreachable("prometheus-1",
                "connection refused"), Duration.ZERO));
        assertThat(unknown.loaded()).startsWith("unknown: ");
        assertThat(unknown.differs()).as("unknown is never shown as in sync").isTrue();

        ConfigReplicaRow rejected = same.with(new ConfigTransaction.ReplicaProgress("prometheus-0", ConfigTransaction.Step.REJECTED,
                Duration.ofMillis(57), 1, "couldn't load configuration", null));
        assertThat(rejected.step()).isEqualTo("✗ rejected");
        assertThat(rejected.failed()).isTrue();
        assertThat(rejected.elapsed()).isEqualTo("57 ms");
        assertThat(rejected.loaded()).as("no new comparison: the last one stands").isEqualTo("runs its source (abc)");
        assertThat(same.with(new ConfigTransaction.ReplicaProgress("prometheus-0", ConfigTransaction.Step.VERIFIED, Duration.ofMillis(2400), 3,
                "runs the new configuration", new LoadedMatch.Match(true, "new", "new", List.of()))).elapsed()).isEqualTo("2.4 s");
    }

    @Test
    void theRoutingTestNamesTheReceiverOrSaysWhatIsWrong() {
        RoutingTestModel routing = new RoutingTestModel();
        String yaml = "route:\n  receiver: default\n  routes:\n  - matchers: ['severity=\"critical\"']\n    receiver: pager\n"
                + "receivers:\n- name: default\n- name: pager\n";
        routing.labelsProperty().set("alertname=X severity=critical");
        routing.test(yaml);
        assertThat(routing.routes()).singleElement().asString().isEqualTo("→ pager   via route › route.routes[0] {severity=\"critical\"}   (group_by [], group_wait 30s, repeat_interval 4h)");
        routing.labelsProperty().set("severity critical");
        routing.test(yaml);
        assertThat(routing.routes()).isEmpty();
        assertThat(routing.errorProperty().get()).startsWith("'severity' is not name=value");
        routing.labelsProperty().set("a=b");
        routing.test("route: [");
        assertThat(routing.errorProperty().get()).startsWith("The edited configuration has no usable routing tree: ");
    }
}
