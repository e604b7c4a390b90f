package io.promdeck.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.sandbox.FreePorts;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection check against fabric8's mock API server, through kubeconfig files the test writes. */
class ConnectionCheckTest {

    private static MockApiServer api;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        api = new MockApiServer();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private ConnectionCheck check(KubeconfigWriter writer, String context) throws KubeconfigException {
        Path file = writer.write(dir.resolve("config"));
        Kubeconfig kubeconfig = new KubeconfigResolver(Map.of("KUBECONFIG", file.toString()), dir).load();
        try (ClusterConnection connection = new ClusterConnection(kubeconfig.login(context))) {
            return connection.check();
        }
    }

    private static KubeconfigWriter withToken(String server, String token) {
        return new KubeconfigWriter().cluster("c", server).tokenUser("alice-entry", token).context("ctx", "c", "alice-entry", "monitoring");
    }

    @Test
    void connectedReportsVersionAndTheServersUserName() throws Exception {
        api.userName("alice@example.com");

        ConnectionCheck check = check(withToken(api.url(), "good"), "ctx");

        assertThat(check).isEqualTo(new ConnectionCheck.Connected("v1.30.0-promdeck-mock", "alice@example.com",
                ConnectionCheck.UserSource.SELF_SUBJECT_REVIEW));
    }

    @Test
    void userNameFallsBackToTheKubeconfigUserWithoutSelfSubjectReview() throws Exception {
        api.userName(null);

        ConnectionCheck check = check(withToken(api.url(), "good"), "ctx");

        assertThat(check).isEqualTo(new ConnectionCheck.Connected("v1.30.0-promdeck-mock", "alice-entry", ConnectionCheck.UserSource.KUBECONFIG));
    }

    @Test
    void rejectedTokenIs401() throws Exception {
        api.rejectToken("expired-token", 401);

        ConnectionCheck check = check(withToken(api.url(), "expired-token"), "ctx");

        assertThat(check).isInstanceOfSatisfying(ConnectionCheck.Failed.class, f -> {
            assertThat(f.problem().kind()).isEqualTo(ConnectionProblem.Kind.UNAUTHORIZED);
            assertThat(f.problem().message()).contains("401").doesNotContain("expired-token");
        });
    }

    @Test
    void forbiddenIs403WithTheServersReason() throws Exception {
        api.rejectToken("no-rights", 403);

        ConnectionCheck check = check(withToken(api.url(), "no-rights"), "ctx");

        assertThat(check).isInstanceOfSatisfying(ConnectionCheck.Failed.class, f -> {
            assertThat(f.problem().kind()).isEqualTo(ConnectionProblem.Kind.FORBIDDEN);
            assertThat(f.problem().message()).contains("403").contains("cannot");
        });
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        ConnectionCheck check = check(withToken("http://127.0.0.1:" + FreePorts.tcp(), "good"), "ctx");

        assertThat(check).isInstanceOfSatisfying(ConnectionCheck.Failed.class,
                f -> assertThat(f.problem().kind()).isEqualTo(ConnectionProblem.Kind.UNREACHABLE));
    }

    @Test
    void untrustedCertificateIsATlsFailureUnlessTheKubeconfigSkipsVerification() throws Exception {
        try (MockApiServer https = new MockApiServer(true)) {
            ConnectionCheck verified = check(withToken(https.url(), "good"), "ctx");
            ConnectionCheck skipped = check(new KubeconfigWriter().insecureCluster("c", https.url()).tokenUser("u", "good")
                    .context("ctx", "c", "u", null), "ctx");

            assertThat(https.url()).startsWith("https://");
            assertThat(verified).isInstanceOfSatisfying(ConnectionCheck.Failed.class,
                    f -> assertThat(f.problem().kind()).isEqualTo(ConnectionProblem.Kind.TLS));
            assertThat(skipped).isInstanceOf(ConnectionCheck.Connected.class);
        }
    }

    @Test
    void execPluginTokenReachesTheApiServer() throws Exception {
        api.userName("exec-user");
        api.rejectToken("stale", 401);
        Path plugin = KubeconfigWriter.execPlugin(dir.resolve("bin/lab-auth"), "fresh-exec-token", "2099-01-01T00:00:00Z");
        KubeconfigWriter writer = new KubeconfigWriter().cluster("c", api.url()).execUser("u", plugin.toString(), "Never")
                .context("ctx", "c", "u", null);

        ConnectionCheck check = check(writer, "ctx");

        assertThat(check).isInstanceOf(ConnectionCheck.Connected.class);
        assertThat(api.server().getLastRequest().getHeader("Authorization")).isEqualTo("Bearer fresh-exec-token");
    }
}
