package io.promdeck.app.cluster;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;

/**
 * A context with credentials resolved: the fabric8 configuration to build a client from.
 *
 * @param userFile the kubeconfig file the user entry came from (for messages), or null
 */
public record ClusterLogin(KubeContext context, Config config, Path userFile) {

    @Override
    public String toString() {
        // Never print the config: it carries credentials.
        return "ClusterLogin[" + context.name() + " -> " + context.server() + "]";
    }
}
