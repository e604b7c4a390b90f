package io.promdeck.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promdeck.testing.kube.KubeconfigWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfig files written by the test; the real ~/.kube and KUBECONFIG are never read. */
class KubeconfigResolverTest {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Kubeconfig load(Map<String, String> env) throws KubeconfigException {
        return new KubeconfigResolver(env, home()).load();
    }

    private KubeconfigException failure(Map<String, String> env) {
        try {
            load(env);
        } catch (KubeconfigException e) {
            return e;
        }
        throw new AssertionError("expected a KubeconfigException");
    }

    @Test
    void defaultsToTheHomeKubeconfig() throws Exception {
        new KubeconfigWriter().cluster("c", "https://a.example:6443").tokenUser("u", "t").context("only", "c", "u", "monitoring")
                .current("only").write(home().resolve(".kube/config"));

        Kubeconfig config = load(Map.of());

        assertThat(config.currentContext()).contains("only");
        assertThat(config.contexts()).singleElement().satisfies(c -> {
            assertThat(c.namespace()).isEqualTo("monitoring");
            assertThat(c.server()).isEqualTo("https://a.example:6443");
            assertThat(c.auth()).isEqualTo(KubeContext.AuthKind.TOKEN);
        });
    }

    @Test
    void mergesKubeconfigFilesInOrderFirstDefinitionWins() throws Exception {
        Path first = new KubeconfigWriter().cluster("c1", "https://first.example").tokenUser("u", "t1")
                .context("shared", "c1", "u", "ns-from-first").context("a", "c1", "u", null).write(dir.resolve("first.yaml"));
        Path second = new KubeconfigWriter().cluster("c1", "https://second.example").cluster("c2", "https://two.example")
                .tokenUser("u", "t2").context("shared", "c2", "u", "ns-from-second").context("b", "c2", "u", null)
                .current("b").write(dir.resolve("second.yaml"));
        Path missing = dir.resolve("missing.yaml");

        Kubeconfig config = load(Map.of("KUBECONFIG", first + File.pathSeparator + missing + File.pathSeparator + second));

        assertThat(config.files()).containsExactly(first, second);
        assertThat(config.contexts()).extracting(KubeContext::name).containsExactly("shared", "a", "b");
        assertThat(config.context("shared").orElseThrow().namespace()).isEqualTo("ns-from-first");
        assertThat(config.context("shared").orElseThrow().server()).isEqualTo("https://first.example");
        assertThat(config.context("b").orElseThrow().server()).isEqualTo("https://two.example");
        assertThat(config.context("a").orElseThrow().namespace()).isEqualTo("default");
        assertThat(config.currentContext()).contains("b");
    }

    @Test
    void noKubeconfigAnywhereIsNamed() {
        KubeconfigException e = failure(Map.of());

        assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.NO_KUBECONFIG);
        assertThat(e.getMessage()).contains(home().resolve(".kube/config").toString()).contains("direct-URL profile");
    }

    @Test
    void yamlErrorNamesFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Config\nclusters:\n  - name: [unclosed\n");

        KubeconfigException e = failure(Map.of("KUBECONFIG", bad.toString()));

        assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.YAML_ERROR);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.file()).contains(bad);
        assertThat(e.getMessage()).contains("bad.yaml").contains("line 4");
    }

    @Test
    void unknownContextListsTheKnownOnes() throws Exception {
        Path file = new KubeconfigWriter().cluster("c", "https://x").tokenUser("u", "t").context("prod", "c", "u", null).write(dir.resolve("k"));
        Kubeconfig config = load(Map.of("KUBECONFIG", file.toString()));

        assertThatThrownBy(() -> config.login("staging"))
                .isInstanceOfSatisfying(KubeconfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.UNKNOWN_CONTEXT);
                    assertThat(e.getMessage()).contains("'staging'").contains("prod");
                });
    }

    @Test
    void relativeFileReferencesResolveAgainstTheirKubeconfig() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path file = new KubeconfigWriter().clusterWithCaFile("c", "https://x", "certs/ca.pem").tokenFileUser("u", "token.txt")
                .context("ctx", "c", "u", null).write(sub.resolve("config"));
        Files.writeString(sub.resolve("token.txt"), "file-token\n");

        Kubeconfig config = load(Map.of("KUBECONFIG", file.toString()));
        ClusterLogin login = config.login("ctx");

        assertThat(login.config().getCaCertFile()).isEqualTo(sub.resolve("certs/ca.pem").toString());
        assertThat(login.config().getOauthTokenProvider().getToken()).isEqualTo("file-token");
        assertThat(config.context("ctx").orElseThrow().auth()).isEqualTo(KubeContext.AuthKind.TOKEN_FILE);
    }

    @Test
    void legacyAuthProvidersAreNamedUnsupported() throws Exception {
        Path file = new KubeconfigWriter().cluster("c", "https://x")
                .rawUser("- name: gke\n  user:\n    auth-provider:\n      name: gcp\n      config: {}\n")
                .context("gke", "c", "gke", null).write(dir.resolve("k"));

        assertThatThrownBy(() -> load(Map.of("KUBECONFIG", file.toString())).login("gke"))
                .isInstanceOfSatisfying(KubeconfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.UNSUPPORTED_AUTH);
                    assertThat(e.getMessage()).contains("'gcp' auth-provider").contains("exec plugin");
                });
    }

    @Test
    void interactiveExecPluginsAreNamedUnsupported() throws Exception {
        Path file = new KubeconfigWriter().cluster("c", "https://x").execUser("u", "kubelogin", "Always")
                .context("ctx", "c", "u", null).write(dir.resolve("k"));

        assertThatThrownBy(() -> load(Map.of("KUBECONFIG", file.toString())).login("ctx"))
                .isInstanceOfSatisfying(KubeconfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.UNSUPPORTED_AUTH);
                    assertThat(e.getMessage()).contains("interactive");
                });
    }

    @Test
    void missingExecPluginSaysWhereItLookedAndTheInstallHint() throws Exception {
        Path file = new KubeconfigWriter().cluster("c", "https://x").execUser("u", "no-such-auth-plugin", "Never")
                .context("ctx", "c", "u", null).write(dir.resolve("k"));

        assertThatThrownBy(() -> load(Map.of("KUBECONFIG", file.toString(), "PATH", "/nonexistent")).login("ctx"))
                .isInstanceOfSatisfying(KubeconfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.EXEC_PLUGIN_NOT_FOUND);
                    assertThat(e.getMessage()).contains("no-such-auth-plugin").contains("/nonexistent")
                            .contains(home().resolve(".local/bin").toString()).contains("Install it with your package manager.");
                });
    }

    @Test
    void execPluginIsFoundInUsualFoldersEvenWithoutThemOnPath() throws Exception {
        Path plugin = KubeconfigWriter.execPlugin(home().resolve(".local/bin/lab-auth"), "exec-token-1", null);
        Path file = new KubeconfigWriter().cluster("c", "https://x").execUser("u", "lab-auth", "IfAvailable")
                .context("ctx", "c", "u", null).write(dir.resolve("k"));

        ClusterLogin login = load(Map.of("KUBECONFIG", file.toString(), "PATH", "/nonexistent")).login("ctx");

        assertThat(login.config().getOauthTokenProvider().getToken()).isEqualTo("exec-token-1");
        assertThat(Files.readAllLines(plugin.resolveSibling("lab-auth.runs"))).hasSize(1);
    }

    @Test
    void failingExecPluginReportsItsExitAndMessage() throws Exception {
        Path plugin = home().resolve("bin/broken-auth");
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, "#!/bin/sh\necho 'error: refresh token expired, run login' >&2\nexit 4\n");
        plugin.toFile().setExecutable(true);
        Path file = new KubeconfigWriter().cluster("c", "https://x").execUser("u", "broken-auth", "Never")
                .context("ctx", "c", "u", null).write(dir.resolve("k"));

        assertThatThrownBy(() -> load(Map.of("KUBECONFIG", file.toString())).login("ctx"))
                .isInstanceOfSatisfying(KubeconfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KubeconfigException.Kind.EXEC_PLUGIN_FAILED);
                    assertThat(e.getMessage()).contains("exited with status 4").contains("refresh token expired");
                });
    }

    @Test
    void tlsVerificationStaysOnUnlessTheKubeconfigSkipsIt() throws Exception {
        Path file = new KubeconfigWriter().cluster("safe", "https://x").insecureCluster("lax", "https://y").tokenUser("u", "t")
                .context("safe", "safe", "u", null).context("lax", "lax", "u", null).write(dir.resolve("k"));
        Kubeconfig config = load(Map.of("KUBECONFIG", file.toString()));

        assertThat(config.login("safe").config().isTrustCerts()).isFalse();
        assertThat(config.login("lax").config().isTrustCerts()).isTrue();
    }

    @Test
    void neverWritesTheKubeconfig() throws Exception {
        Path file = new KubeconfigWriter().cluster("c", "https://x").tokenUser("u", "t").context("a", "c", "u", null)
                .context("b", "c", "u", null).current("a").write(dir.resolve("k"));
        String before = Files.readString(file);
        long modified = Files.getLastModifiedTime(file).toMillis();

        Kubeconfig config = load(Map.of("KUBECONFIG", file.toString()));
        config.login("b");

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        assertThat(new ClusterLogin(config.context("b").orElseThrow(), null, null).toString()).doesNotContain("token");
    }
}
