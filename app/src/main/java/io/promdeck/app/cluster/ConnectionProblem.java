package io.promdeck.app.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Why the API server could not be used, as a kind the UI can act on and a sentence. */
public record ConnectionProblem(Kind kind, String message) {

    /** The distinct failures an operator fixes in different ways. */
    public enum Kind {
        UNREACHABLE, TLS, UNAUTHORIZED, FORBIDDEN, TIMEOUT, CREDENTIALS, SERVER_ERROR
    }

    /** Classifies what fabric8 threw while talking to {@code server}. */
    public static ConnectionProblem of(Throwable failure, String server) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 401) {
                return new ConnectionProblem(Kind.UNAUTHORIZED, "The API server at " + server
                        + " rejected the credentials (401 Unauthorized): the token or certificate is invalid or expired.");
            }
            if (t instanceof KubernetesClientException k && k.getCode() == 403) {
                return new ConnectionProblem(Kind.FORBIDDEN, "The API server at " + server + " refused the request (403 Forbidden): "
                        + statusMessage(k));
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return new ConnectionProblem(Kind.TLS, "TLS with " + server + " failed: " + t.getMessage()
                        + ". Check the cluster's certificate-authority in the kubeconfig.");
            }
            if (t instanceof UnknownHostException) {
                return new ConnectionProblem(Kind.UNREACHABLE, "The API server host of " + server + " is unknown (" + t.getMessage() + ").");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ConnectionProblem(Kind.UNREACHABLE, "Nothing answers at " + server + " (" + t.getMessage()
                        + "). Is the cluster running, and does it need a VPN?");
            }
            if (t instanceof InterruptedIOException) {
                return new ConnectionProblem(Kind.TIMEOUT, "The API server at " + server + " did not answer in time.");
            }
            if (t instanceof KubeconfigException k) {
                return new ConnectionProblem(Kind.CREDENTIALS, k.getMessage());
            }
        }
        if (failure instanceof KubernetesClientException k && k.getCode() >= 500) {
            return new ConnectionProblem(Kind.SERVER_ERROR, "The API server at " + server + " answered " + k.getCode() + ": " + statusMessage(k));
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ConnectionProblem(Kind.UNREACHABLE, "Cannot talk to " + server + ": " + message);
    }

    private static String statusMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
