package io.promdeck.app.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged kubeconfig: its contexts, the current one, and the fabric8 client configuration for any of them.
 * Switching context is in-app only; the files are never written.
 */
public final class Kubeconfig {

    public static final String DEFAULT_NAMESPACE = "default";

    private final List<Path> files;
    private final Map<String, NamedCluster> clusters;
    private final Map<String, NamedAuthInfo> users;
    private final Map<String, NamedContext> contexts;
    private final Map<String, Path> userFiles;
    private final String currentContext;
    private final Map<String, String> environment;
    private final Path home;

    Kubeconfig(List<Path> files, Map<String, NamedCluster> clusters, Map<String, NamedAuthInfo> users,
            Map<String, NamedContext> contexts, Map<String, Path> userFiles, String currentContext,
            Map<String, String> environment, Path home) {
        this.files = List.copyOf(files);
        this.clusters = Map.copyOf(clusters);
        this.users = Map.copyOf(users);
        this.contexts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(contexts));
        this.userFiles = Map.copyOf(userFiles);
        this.currentContext = currentContext;
        this.environment = environment;
        this.home = home;
    }

    /** The files that were read, in merge order. */
    public List<Path> files() {
        return files;
    }

    public List<KubeContext> contexts() {
        List<KubeContext> list = new ArrayList<>();
        for (NamedContext named : contexts.values()) {
            list.add(describe(named));
        }
        return list;
    }

    /** The current context when it names a context that exists. */
    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext).filter(contexts::containsKey);
    }

    public Optional<KubeContext> context(String name) {
        return Optional.ofNullable(contexts.get(name)).map(this::describe);
    }

    private KubeContext describe(NamedContext named) {
        Context context = named.getContext() == null ? new Context() : named.getContext();
        NamedCluster cluster = context.getCluster() == null ? null : clusters.get(context.getCluster());
        NamedAuthInfo user = context.getUser() == null ? null : users.get(context.getUser());
        String namespace = context.getNamespace() == null || context.getNamespace().isBlank() ? DEFAULT_NAMESPACE : context.getNamespace();
        String server = cluster == null || cluster.getCluster() == null ? "" : nullToEmpty(cluster.getCluster().getServer());
        return new KubeContext(named.getName(), nullToEmpty(context.getCluster()), nullToEmpty(context.getUser()), namespace, server,
                authKind(user == null ? null : user.getUser()));
    }

    static KubeContext.AuthKind authKind(AuthInfo user) {
        if (user == null) {
            return KubeContext.AuthKind.NONE;
        }
        if (user.getExec() != null) {
            return KubeContext.AuthKind.EXEC_PLUGIN;
        }
        if (user.getAuthProvider() != null) {
            return KubeContext.AuthKind.AUTH_PROVIDER;
        }
        if (user.getToken() != null && !user.getToken().isEmpty()) {
            return KubeContext.AuthKind.TOKEN;
        }
        if (user.getTokenFile() != null && !user.getTokenFile().isEmpty()) {
            return KubeContext.AuthKind.TOKEN_FILE;
        }
        if (user.getClientCertificate() != null || user.getClientCertificateData() != null) {
            return KubeContext.AuthKind.CLIENT_CERTIFICATE;
        }
        if (user.getUsername() != null) {
            return KubeContext.AuthKind.BASIC;
        }
        return KubeContext.AuthKind.NONE;
    }

    /**
     * The fabric8 configuration for a context, with credentials resolved now (a credential plugin runs here, so
     * call it off the UI thread). TLS verification stays on unless the kubeconfig says insecure-skip-tls-verify.
     */
    public ClusterLogin login(String contextName) throws KubeconfigException {
        NamedContext named = contexts.get(contextName);
        if (named == null) {
            throw new KubeconfigException(KubeconfigException.Kind.UNKNOWN_CONTEXT, "There is no context '" + contextName
                    + "' in " + files + ". Known contexts: " + String.join(", ", contexts.keySet()));
        }
        Context context = named.getContext();
        if (context == null || context.getCluster() == null || !clusters.containsKey(context.getCluster())) {
            throw new KubeconfigException(KubeconfigException.Kind.INCOMPLETE, "Context '" + contextName + "' names the cluster '"
                    + (context == null ? null : context.getCluster()) + "', which no kubeconfig file defines");
        }
        NamedCluster cluster = clusters.get(context.getCluster());
        if (cluster.getCluster() == null || cluster.getCluster().getServer() == null || cluster.getCluster().getServer().isBlank()) {
            throw new KubeconfigException(KubeconfigException.Kind.INCOMPLETE, "Cluster '" + cluster.getName() + "' has no server URL");
        }
        NamedAuthInfo user = context.getUser() == null ? null : users.get(context.getUser());
        if (context.getUser() != null && !context.getUser().isEmpty() && user == null) {
            throw new KubeconfigException(KubeconfigException.Kind.INCOMPLETE, "Context '" + contextName + "' names the user '"
                    + context.getUser() + "', which no kubeconfig file defines");
        }
        AuthInfo auth = user == null || user.getUser() == null ? new AuthInfo() : copy(user.getUser());
        rejectUnsupported(contextName, auth);

        ExecPlugin plugin = null;
        ExecPlugin.Credential first = null;
        if (auth.getExec() != null) {
            plugin = ExecPlugin.resolve(contextName, auth.getExec(), cluster.getCluster(), environment, home);
            first = plugin.run();
            auth.setExec(null);
        }
        String tokenFile = auth.getToken() == null || auth.getToken().isEmpty() ? auth.getTokenFile() : null;
        auth.setTokenFile(null);

        io.fabric8.kubernetes.api.model.Config single = new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addNewCluster().withName(cluster.getName()).withCluster(cluster.getCluster()).endCluster()
                .addNewUser().withName(user == null ? "anonymous" : user.getName()).withUser(auth).endUser()
                .addNewContext().withName(contextName).withNewContext().withCluster(cluster.getName())
                .withUser(user == null ? "anonymous" : user.getName()).withNamespace(context.getNamespace()).endContext().endContext()
                .withCurrentContext(contextName)
                .build();
        Config config = Config.fromKubeconfig(contextName, Serialization.asYaml(single), null);
        if (config.getNamespace() == null || config.getNamespace().isBlank()) {
            config.setNamespace(DEFAULT_NAMESPACE);
        }
        config.setConnectionTimeout(10_000);
        config.setRequestTimeout(30_000);
        // fabric8 retries requests that got a 5xx, POSTs included: through pods/proxy that would send a reload or a
        // silence again after a Prometheus or Alertmanager 500. Every retry here is a deliberate caller decision.
        config.setRequestRetryBackoffLimit(0);
        Clock clock = Clock.systemUTC();
        if (plugin != null) {
            if (first.isToken()) {
                config.setOauthTokenProvider(RefreshingTokenProvider.forExec(plugin, first, clock));
            } else {
                config.setClientCertData(first.clientCertificateData());
                config.setClientKeyData(first.clientKeyData());
            }
        } else if (tokenFile != null && !tokenFile.isBlank()) {
            config.setOauthTokenProvider(RefreshingTokenProvider.forFile(Path.of(tokenFile), clock));
        }
        return new ClusterLogin(describe(named), config, userFiles.get(context.getUser()));
    }

    private static void rejectUnsupported(String contextName, AuthInfo auth) throws KubeconfigException {
        if (auth.getAuthProvider() != null) {
            String name = auth.getAuthProvider().getName();
            if (!"oidc".equals(name)) {
                throw new KubeconfigException(KubeconfigException.Kind.UNSUPPORTED_AUTH, "Context '" + contextName
                        + "' uses the '" + name + "' auth-provider, which kubectl itself dropped in 1.26. Switch it to the "
                        + "provider's exec plugin (gke-gcloud-auth-plugin, kubelogin, ...), which Promdeck runs.");
            }
        }
        if (auth.getAs() != null && !auth.getAs().isEmpty()) {
            throw new KubeconfigException(KubeconfigException.Kind.UNSUPPORTED_AUTH, "Context '" + contextName
                    + "' impersonates '" + auth.getAs() + "' (as:); Promdeck does not support impersonation yet.");
        }
    }

    private static AuthInfo copy(AuthInfo auth) {
        return Serialization.clone(auth);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
