package io.promdeck.app.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

    private static final String REPLICA_0 = """
            global:
              scrape_interval: 15s
              external_labels:
                cluster: prod
                replica: prometheus-0
            scrape_configs:
              - job_name: a
            """;

    @Test
    void replicasThatDifferOnlyInTheReplicaLabelHashEqual() throws IOException {
        String replica1 = REPLICA_0.replace("prometheus-0", "prometheus-1");

        assertThat(ConfigHash.of(REPLICA_0, "replica")).isEqualTo(ConfigHash.of(replica1, "replica"));
    }

    @Test
    void keyOrderAndFormattingDoNotCount() throws IOException {
        String reordered = """
                scrape_configs: [{job_name: a}]
                global: {external_labels: {replica: x, cluster: prod}, scrape_interval: 15s}
                """;

        assertThat(ConfigHash.of(reordered, "replica")).isEqualTo(ConfigHash.of(REPLICA_0, "replica"));
    }

    @Test
    void anyOtherDifferenceChangesTheHash() throws IOException {
        assertThat(ConfigHash.of(REPLICA_0.replace("cluster: prod", "cluster: dev"), "replica"))
                .isNotEqualTo(ConfigHash.of(REPLICA_0, "replica"));
        assertThat(ConfigHash.of(REPLICA_0, "cluster")).isNotEqualTo(ConfigHash.of(REPLICA_0, "replica"));
    }

    @Test
    void notYamlIsAnError() {
        assertThatThrownBy(() -> ConfigHash.of("a: [", "replica")).isInstanceOf(IOException.class);
    }
}
