package io.promdeck.testing.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Writes kubeconfig files for tests: clusters, users and contexts built up by name. */
public final class KubeconfigWriter {

    private final List<String> clusters = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> contexts = new ArrayList<>();
    private String current;

    public KubeconfigWriter cluster(String name, String server) {
        clusters.add("- name: " + name + "\n  cluster:\n    server: " + server + "\n");
        return this;
    }

    public KubeconfigWriter insecureCluster(String name, String server) {
        clusters.add("- name: " + name + "\n  cluster:\n    server: " + server + "\n    insecure-skip-tls-verify: true\n");
        return this;
    }

    public KubeconfigWriter clusterWithCaFile(String name, String server, String caFile) {
        clusters.add("- name: " + name + "\n  cluster:\n    server: " + server + "\n    certificate-authority: " + caFile + "\n");
        return this;
    }

    public KubeconfigWriter tokenUser(String name, String token) {
        users.add("- name: " + name + "\n  user:\n    token: " + token + "\n");
        return this;
    }

    public KubeconfigWriter tokenFileUser(String name, String tokenFile) {
        users.add("- name: " + name + "\n  user:\n    tokenFile: " + tokenFile + "\n");
        return this;
    }

    public KubeconfigWriter execUser(String name, String command, String interactiveMode) {
        users.add("- name: " + name + "\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: " + command
                + "\n      args: [\"--cluster\", \"lab\"]\n      interactiveMode: " + interactiveMode
                + "\n      installHint: Install it with your package manager.\n");
        return this;
    }

    public KubeconfigWriter rawUser(String yaml) {
        users.add(yaml);
        return this;
    }

    public KubeconfigWriter context(String name, String cluster, String user, String namespace) {
        contexts.add("- name: " + name + "\n  context:\n    cluster: " + cluster + "\n    user: " + user
                + (namespace == null ? "" : "\n    namespace: " + namespace) + "\n");
        return this;
    }

    public KubeconfigWriter current(String name) {
        current = name;
        return this;
    }

    public String yaml() {
        return "apiVersion: v1\nkind: Config\n"
                + (current == null ? "" : "current-context: " + current + "\n")
                + "clusters:\n" + String.join("", clusters)
                + "users:\n" + String.join("", users)
                + "contexts:\n" + String.join("", contexts);
    }

    public Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A credential plugin for tests: a shell script that prints an ExecCredential with {@code token} (and counts its
     * runs in {@code <script>.runs}), like the plugins cloud CLIs install.
     */
    public static Path execPlugin(Path script, String token, String expirationTimestamp) {
        String expiry = expirationTimestamp == null ? "" : ",\"expirationTimestamp\":\"" + expirationTimestamp + "\"";
        String body = "#!/bin/sh\n"
                + "echo run >> \"$0.runs\"\n"
                + "case \"$KUBERNETES_EXEC_INFO\" in *ExecCredential*) ;; *) echo 'no KUBERNETES_EXEC_INFO' >&2; exit 3;; esac\n"
                + "printf '%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\""
                + token + "\"" + expiry + "}}'\n";
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, body);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
