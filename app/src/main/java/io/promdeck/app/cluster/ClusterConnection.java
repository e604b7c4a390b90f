package io.promdeck.app.cluster;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;

/**
 * A live connection to one context's API server (fabric8 on its OkHttp transport). Blocking calls: use a background
 * thread. Close it on context switch.
 */
public final class ClusterConnection implements AutoCloseable {

    private final ClusterLogin login;
    private final KubernetesClient client;

    public ClusterConnection(ClusterLogin login) {
        this.login = login;
        this.client = new KubernetesClientBuilder()
                .withConfig(login.config())
                .withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * The bearer token requests carry, for a command the operator asked to include it in ("copy as curl with my
     * token"); empty for client-certificate or basic logins. May run a credential plugin: call it off the UI thread.
     * Never log what it returns.
     */
    public java.util.Optional<String> bearerToken() {
        io.fabric8.kubernetes.client.Config config = login.config();
        if (config.getOauthTokenProvider() != null) {
            return java.util.Optional.ofNullable(config.getOauthTokenProvider().getToken()).filter(t -> !t.isBlank());
        }
        // A kubeconfig's own token lands in the "auto" field; one set explicitly in the other.
        return java.util.stream.Stream.of(config.getOauthToken(), config.getAutoOAuthToken())
                .filter(t -> t != null && !t.isBlank()).findFirst();
    }

    public KubeContext context() {
        return login.context();
    }

    public String server() {
        return client.getMasterUrl().toString();
    }

    /** Server version and the user's name; every failure classified (unreachable, TLS, 401, 403, ...). */
    public ConnectionCheck check() {
        VersionInfo version;
        try {
            version = client.getKubernetesVersion();
        } catch (RuntimeException e) {
            return new ConnectionCheck.Failed(ConnectionProblem.of(e, server()));
        }
        String serverVersion = version == null ? "unknown" : version.getGitVersion();
        try {
            SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReviewBuilder().build());
            String name = review == null || review.getStatus() == null || review.getStatus().getUserInfo() == null
                    ? null : review.getStatus().getUserInfo().getUsername();
            if (name != null && !name.isBlank()) {
                return new ConnectionCheck.Connected(serverVersion, name, ConnectionCheck.UserSource.SELF_SUBJECT_REVIEW);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401) {
                return new ConnectionCheck.Failed(ConnectionProblem.of(e, server()));
            }
            // 404 before Kubernetes 1.28 (v1 SelfSubjectReview), 403 where it is not allowed: fall back below.
        } catch (RuntimeException e) {
            return new ConnectionCheck.Failed(ConnectionProblem.of(e, server()));
        }
        return new ConnectionCheck.Connected(serverVersion, login.context().user(), ConnectionCheck.UserSource.KUBECONFIG);
    }

    @Override
    public void close() {
        client.close();
    }
}
