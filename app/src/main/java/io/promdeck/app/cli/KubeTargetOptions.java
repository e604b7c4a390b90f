package io.promdeck.app.cli;

import io.promdeck.app.cluster.KubeContext;
import io.promdeck.app.cluster.Kubeconfig;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.KubeconfigResolver;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --context} and {@code --namespace}, shared by the commands that act on a cluster, and how they resolve. */
final class KubeTargetOptions {

    /** The kubeconfig, the context chosen and the namespace. */
    record Target(Kubeconfig kubeconfig, String context, String namespace) {
    }

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current context), resolved as kubectl does")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "namespace of the stack (default: the context's unless it is "
            + "'default', else monitoring)")
    String namespace;

    boolean given() {
        return context != null || namespace != null;
    }

    /** Loads the kubeconfig as kubectl does; says on {@code err}, after {@code prefix} ("Could not check: "), why not when it cannot. */
    Optional<Target> resolve(PromdeckCli.Environment environment, PrintWriter err, String prefix) {
        try {
            Kubeconfig kubeconfig = new KubeconfigResolver(environment.variables(), environment.home()).load();
            String chosen = context != null ? context : kubeconfig.currentContext().orElse(null);
            if (chosen == null) {
                err.println("The kubeconfig has no current context: name one with --context ("
                        + String.join(", ", kubeconfig.contexts().stream().map(KubeContext::name).toList()) + ").");
                return Optional.empty();
            }
            String ns = namespace != null ? namespace : kubeconfig.context(chosen).map(KubeContext::namespace)
                    .filter(n -> n != null && !n.isBlank() && !"default".equals(n)).orElse("monitoring");
            return Optional.of(new Target(kubeconfig, chosen, ns));
        } catch (KubeconfigException e) {
            err.println(prefix + e.getMessage());
            return Optional.empty();
        }
    }
}
