package io.promdeck.app.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.app.input.ReadProblems;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and merges kubeconfig files the way kubectl does: every file named in {@code KUBECONFIG} (missing ones
 * skipped), else {@code ~/.kube/config}; for a cluster, user or context defined twice the first file wins, and so
 * does the first {@code current-context}. Relative file references are resolved against the file that made them.
 * The environment and home folder are inputs, so tests never read the real ones. Nothing is ever written back.
 */
public final class KubeconfigResolver {

    /** Built when a kubeconfig is first read (off the FX thread), not when the class is loaded: the window's start loads this class. */
    private static final class Yaml {
        static final YAMLMapper MAPPER = new YAMLMapper();
    }

    private final Map<String, String> environment;
    private final Path home;

    public KubeconfigResolver(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** The files kubectl would read, in order (existing or not). */
    public List<Path> candidates() {
        String variable = environment.getOrDefault("KUBECONFIG", "");
        List<Path> files = new ArrayList<>();
        if (!variable.isBlank()) {
            for (String part : variable.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    files.add(expandHome(part.strip()));
                }
            }
        }
        if (files.isEmpty()) {
            files.add(home.resolve(".kube").resolve("config"));
        }
        return files;
    }

    public Kubeconfig load() throws KubeconfigException {
        List<Path> candidates = candidates();
        List<Path> found = candidates.stream().filter(Files::isRegularFile).toList();
        if (found.isEmpty()) {
            throw new KubeconfigException(KubeconfigException.Kind.NO_KUBECONFIG,
                    "No kubeconfig found (looked for " + String.join(", ", candidates.stream().map(Path::toString).toList())
                            + "). Get one from your cluster's administrator or cloud console, or open a direct-URL profile.");
        }
        Map<String, NamedCluster> clusters = new LinkedHashMap<>();
        Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        Map<String, Path> userFiles = new LinkedHashMap<>();
        String current = null;
        for (Path file : found) {
            Config config = parse(file);
            Path dir = file.toAbsolutePath().getParent();
            for (NamedCluster cluster : nullSafe(config.getClusters())) {
                if (cluster.getName() != null && !clusters.containsKey(cluster.getName())) {
                    absolutiseCluster(cluster.getCluster(), dir);
                    clusters.put(cluster.getName(), cluster);
                }
            }
            for (NamedAuthInfo user : nullSafe(config.getUsers())) {
                if (user.getName() != null && !users.containsKey(user.getName())) {
                    absolutiseUser(user.getUser(), dir);
                    users.put(user.getName(), user);
                    userFiles.put(user.getName(), file);
                }
            }
            for (NamedContext context : nullSafe(config.getContexts())) {
                if (context.getName() != null && !contexts.containsKey(context.getName())) {
                    contexts.put(context.getName(), context);
                }
            }
            if (current == null && config.getCurrentContext() != null && !config.getCurrentContext().isBlank()) {
                current = config.getCurrentContext();
            }
        }
        return new Kubeconfig(found, clusters, users, contexts, userFiles, current, environment, home);
    }

    static Config parse(Path file) throws KubeconfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeconfigException(KubeconfigException.Kind.UNREADABLE, "Cannot read " + file + ": " + e.getMessage(), file, 0);
        }
        if (text.isBlank()) {
            return new Config();
        }
        try {
            var tree = Yaml.MAPPER.readTree(text);
            if (tree != null && !tree.isObject()) {
                throw new KubeconfigException(KubeconfigException.Kind.YAML_ERROR,
                        file + " is not a kubeconfig: its top level is not a mapping", file, 1);
            }
        } catch (JsonProcessingException e) {
            int line = ReadProblems.line(e);
            throw new KubeconfigException(KubeconfigException.Kind.YAML_ERROR,
                    file + " is not valid YAML: " + ReadProblems.explain(e), file, line);
        }
        // Like kubectl, a key given twice is not refused here: the last one wins.
        try {
            return KubeConfigUtils.parseConfigFromString(text);
        } catch (RuntimeException e) {
            JsonProcessingException json = jsonCause(e);
            if (json != null) {
                throw new KubeconfigException(KubeconfigException.Kind.YAML_ERROR,
                        file + " is YAML but not a kubeconfig: " + ReadProblems.explain(json), file, ReadProblems.line(json));
            }
            throw new KubeconfigException(KubeconfigException.Kind.YAML_ERROR,
                    file + " is YAML but not a kubeconfig: " + ReadProblems.withoutJavaTypes(rootMessage(e)), file, 0);
        }
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private Path expandHome(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static void absolutiseCluster(Cluster cluster, Path dir) {
        if (cluster != null) {
            cluster.setCertificateAuthority(absolute(cluster.getCertificateAuthority(), dir));
        }
    }

    private static void absolutiseUser(AuthInfo user, Path dir) {
        if (user == null) {
            return;
        }
        user.setClientCertificate(absolute(user.getClientCertificate(), dir));
        user.setClientKey(absolute(user.getClientKey(), dir));
        user.setTokenFile(absolute(user.getTokenFile(), dir));
        if (user.getExec() != null && user.getExec().getCommand() != null) {
            String command = user.getExec().getCommand();
            // kubectl: a command with a path separator but not absolute is relative to the kubeconfig's folder.
            if (command.contains("/") && !Path.of(command).isAbsolute()) {
                user.getExec().setCommand(dir.resolve(command).normalize().toString());
            }
        }
    }

    private static String absolute(String path, Path dir) {
        if (path == null || path.isBlank() || Path.of(path).isAbsolute()) {
            return path;
        }
        return dir.resolve(path).normalize().toString();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
