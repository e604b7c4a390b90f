package io.promdeck.app.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.testing.TestHttpServer;
import io.promdeck.testing.TestHttpServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectProfilesTest {

    @TempDir
    Path home;

    @Test
    void profileGivesOneEndpointPerUrlAndSendsTheTokenFromItsFile() throws Exception {
        try (TestHttpServer server = new TestHttpServer()) {
            server.answer("/a/-/ready", Reply.of(200, "text/plain", "Prometheus Server is Ready."));
            Files.writeString(home.resolve("token"), "s3cret-token\n");
            DirectProfile profile = DirectProfiles.parse("""
                    name: bare-metal
                    prometheus:
                      - {name: prom-a, url: "%1$s/a"}
                      - {url: "%1$s/b"}
                    alertmanager:
                      - {url: "%1$s/am", loadBalanced: true}
                    auth: {bearerTokenFile: ~/token}
                    """.formatted(server.url()), "bare-metal.yaml");

            StackEndpoints endpoints = DirectProfiles.endpoints(profile, home);
            new PrometheusClient(new ComponentApi(endpoints.of(Component.PROMETHEUS).get(0).transport())).ready().orElseThrow();

            assertThat(endpoints.of(Component.PROMETHEUS)).extracting(Endpoint::name).containsExactly("prom-a", "prometheus-1");
            assertThat(endpoints.verifiable(Component.PROMETHEUS)).isTrue();
            assertThat(endpoints.verifiable(Component.ALERTMANAGER)).isFalse();
            assertThat(server.received("/a/-/ready")).singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer s3cret-token"));
            assertThat(profile.toString()).doesNotContain("s3cret-token");
        }
    }

    @Test
    void badProfilesSayWhatIsWrong() {
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus:\n  - {url: 'ftp://x'}\n", "p.yaml"))
                .hasMessageContaining("'ftp://x' is not an http:// or https:// URL");
        assertThatThrownBy(() -> DirectProfiles.parse("name: x\n", "p.yaml")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus:\n  - {url: 'http://a'\n", "p.yaml"))
                .isInstanceOfSatisfying(DirectProfiles.ProfileException.class, e -> assertThat(e.line()).isPositive());
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus:\n  - {url: 'http://a', pasword: x}\n", "p.yaml"))
                .hasMessageContaining("pasword");
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus: [{url: 'http://a'}]\nauth: {basic: {username: u}}\n", "p.yaml"))
                .hasMessageContaining("passwordFile");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithTheLineOfTheSecond() {
        String yaml = """
                name: dc1
                prometheus:
                  - url: http://a:9090
                    url: http://b:9090
                """;
        assertThatThrownBy(() -> DirectProfiles.parse(yaml, "dc1.yaml"))
                .isInstanceOfSatisfying(DirectProfiles.ProfileException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).startsWith("dc1.yaml line 4: the key 'url' appears twice");
                });
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus: [{url: 'http://a'}]\nname: x\nname: y\n", "p.yaml"))
                .isInstanceOfSatisfying(DirectProfiles.ProfileException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void wrongShapesAreNamedByFieldAndLineWithoutJavaTypes() {
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus: http://a:9090\n", "p.yaml"))
                .hasMessage("p.yaml line 1: prometheus should be a list, not a text value")
                .hasMessageNotContaining("java");
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus:\n  - url: [a, b]\n", "p.yaml"))
                .hasMessageContaining("line 2: prometheus[0].url should be a text value, not a list");
        assertThatThrownBy(() -> DirectProfiles.parse("prometheus:\n  - {url: 'http://a', loadBalanced: maybe}\n", "p.yaml"))
                .hasMessageContaining("prometheus[0].loadBalanced should be true or false")
                .hasMessageNotContaining("java").hasMessageNotContaining("`");
        assertThatThrownBy(() -> DirectProfiles.parse("promethues: []\n", "p.yaml"))
                .hasMessageContaining("line 1: unknown field 'promethues'").hasMessageContaining("known: alertmanager, auth, name, prometheus");
    }
}
