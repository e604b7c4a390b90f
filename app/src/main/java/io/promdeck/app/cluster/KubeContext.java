package io.promdeck.app.cluster;

/**
 * One context of the merged kubeconfig, as a picker shows it.
 *
 * @param namespace the context's namespace, or "default" when it sets none (as kubectl does)
 * @param auth      how the context's user authenticates
 */
public record KubeContext(String name, String cluster, String user, String namespace, String server, AuthKind auth) {

    /** The authentication a kubeconfig user entry declares. */
    public enum AuthKind {
        TOKEN, TOKEN_FILE, CLIENT_CERTIFICATE, EXEC_PLUGIN, BASIC, AUTH_PROVIDER, NONE
    }
}
