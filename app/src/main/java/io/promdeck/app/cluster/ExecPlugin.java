package io.promdeck.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.promdeck.app.http.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A non-interactive client-go credential plugin ({@code users[].user.exec}), run the way kubectl runs it. The
 * command is resolved on PATH and in the usual install folders, since a desktop launch often lacks the login
 * shell's PATH; the plugin itself gets that widened PATH too. Its output is never logged.
 */
public final class ExecPlugin {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = Json.mapper();

    private final String contextName;
    private final ExecConfig exec;
    private final Path command;
    private final String searchPath;
    private final Cluster cluster;

    private ExecPlugin(String contextName, ExecConfig exec, Path command, String searchPath, Cluster cluster) {
        this.contextName = contextName;
        this.exec = exec;
        this.command = command;
        this.searchPath = searchPath;
        this.cluster = cluster;
    }

    /** What a plugin run produced: a bearer token, or a client certificate and key; and until when it is valid. */
    public record Credential(String token, String clientCertificateData, String clientKeyData, Instant expires) {
        public boolean isToken() {
            return token != null && !token.isEmpty();
        }

        @Override
        public String toString() {
            return "Credential[" + (isToken() ? "token" : "client certificate") + ", expires=" + expires + "]";
        }
    }

    static ExecPlugin resolve(String contextName, ExecConfig exec, Cluster cluster, Map<String, String> environment, Path home)
            throws KubeconfigException {
        if ("Always".equals(exec.getInteractiveMode())) {
            throw new KubeconfigException(KubeconfigException.Kind.UNSUPPORTED_AUTH, "Context '" + contextName
                    + "' uses an interactive credential plugin (" + exec.getCommand() + ", interactiveMode: Always); "
                    + "Promdeck has no terminal to answer it. Log in with the plugin in a terminal first, or use a "
                    + "context whose plugin runs non-interactively.");
        }
        String searchPath = searchPath(environment, home);
        Path resolved = find(exec.getCommand(), searchPath).orElseThrow(() -> new KubeconfigException(
                KubeconfigException.Kind.EXEC_PLUGIN_NOT_FOUND,
                "Context '" + contextName + "' needs the credential plugin '" + exec.getCommand()
                        + "', which is not on PATH or in the usual install folders ("
                        + searchPath.replace(File.pathSeparator, ", ") + ")."
                        + (exec.getInstallHint() == null ? "" : " " + exec.getInstallHint().strip())));
        return new ExecPlugin(contextName, exec, resolved, searchPath, cluster);
    }

    /** PATH from the environment, then the folders installers commonly use. */
    static String searchPath(Map<String, String> environment, Path home) {
        Set<String> dirs = new LinkedHashSet<>();
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(dir);
            }
        }
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin", "/opt/homebrew/bin", "/opt/local/bin", "/snap/bin",
                "/usr/local/google-cloud-sdk/bin")) {
            dirs.add(dir);
        }
        for (String sub : List.of(".local/bin", "bin", "go/bin", ".krew/bin", "google-cloud-sdk/bin", ".rd/bin", ".asdf/shims")) {
            dirs.add(home.resolve(sub).toString());
        }
        return String.join(File.pathSeparator, dirs);
    }

    private static java.util.Optional<Path> find(String command, String searchPath) {
        if (command == null || command.isBlank()) {
            return java.util.Optional.empty();
        }
        Path given = Path.of(command);
        if (given.isAbsolute()) {
            return Files.isExecutable(given) ? java.util.Optional.of(given) : java.util.Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            for (String suffix : List.of("", ".exe", ".cmd")) {
                Path candidate = Path.of(dir, command + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return java.util.Optional.of(candidate);
                }
            }
        }
        return java.util.Optional.empty();
    }

    public Path command() {
        return command;
    }

    /** Runs the plugin once; blocking, up to a minute. */
    public Credential run() throws KubeconfigException {
        List<String> argv = new ArrayList<>();
        argv.add(command.toString());
        if (exec.getArgs() != null) {
            argv.addAll(exec.getArgs());
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.put("PATH", searchPath);
        env.put("KUBERNETES_EXEC_INFO", execInfo());
        if (exec.getEnv() != null) {
            for (ExecEnvVar var : exec.getEnv()) {
                env.put(var.getName(), var.getValue());
            }
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw failed("could not be started: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
            CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failed("did not finish within " + TIMEOUT.toSeconds() + " s (is it waiting for input?)");
            }
            String out = new String(stdout.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            String err = new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw failed("exited with status " + process.exitValue() + (err.isBlank() ? "" : ": " + lastLines(err, 3)));
            }
            return parse(out);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failed("was interrupted");
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw failed("output could not be read: " + e.getMessage());
        }
    }

    private Credential parse(String output) throws KubeconfigException {
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (IOException e) {
            throw failed("printed something that is not an ExecCredential JSON object");
        }
        if (root == null || !"ExecCredential".equals(root.path("kind").asText())) {
            throw failed("printed JSON that is not an ExecCredential");
        }
        String wanted = exec.getApiVersion();
        String got = root.path("apiVersion").asText("");
        if (wanted != null && !wanted.equals(got)) {
            throw failed("answered with apiVersion '" + got + "' but the kubeconfig asks for '" + wanted + "'");
        }
        JsonNode status = root.path("status");
        String token = status.path("token").asText(null);
        String cert = status.path("clientCertificateData").asText(null);
        String key = status.path("clientKeyData").asText(null);
        Instant expires = null;
        String expiry = status.path("expirationTimestamp").asText("");
        if (!expiry.isEmpty()) {
            try {
                expires = Instant.parse(expiry);
            } catch (DateTimeParseException e) {
                throw failed("gave an expirationTimestamp that is not RFC 3339: " + expiry);
            }
        }
        if ((token == null || token.isEmpty()) && (cert == null || key == null)) {
            throw failed("returned neither a token nor a client certificate and key");
        }
        return new Credential(token, cert, key, expires);
    }

    private String execInfo() {
        ObjectNode info = JSON.createObjectNode();
        info.put("apiVersion", exec.getApiVersion() == null ? "client.authentication.k8s.io/v1" : exec.getApiVersion());
        info.put("kind", "ExecCredential");
        ObjectNode spec = info.putObject("spec");
        spec.put("interactive", false);
        if (Boolean.TRUE.equals(exec.getProvideClusterInfo()) && cluster != null) {
            ObjectNode clusterInfo = spec.putObject("cluster");
            clusterInfo.put("server", cluster.getServer());
            if (cluster.getCertificateAuthorityData() != null) {
                clusterInfo.put("certificate-authority-data", cluster.getCertificateAuthorityData());
            }
            if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
                clusterInfo.put("insecure-skip-tls-verify", true);
            }
        }
        return info.toString();
    }

    private KubeconfigException failed(String what) {
        return new KubeconfigException(KubeconfigException.Kind.EXEC_PLUGIN_FAILED,
                "The credential plugin of context '" + contextName + "' (" + command + ") " + what);
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
