package io.promdeck.app.transport;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A connection profile for stacks reached by URL: per-pod Ingresses, or hosts outside Kubernetes. Secrets are never
 * written in it, only the files that hold them.
 *
 * <pre>
 * name: dc1
 * prometheus:
 *   - {name: prom-a, url: "https://prom-a.example/"}
 *   - {name: prom-b, url: "https://prom-b.example/"}
 * alertmanager:
 *   - {url: "http://10.0.0.1:9093"}
 * thanosQuery: {url: "http://10.0.0.5:10902"}
 * thanosSidecars: [{name: prom-a, url: "http://10.0.0.1:10902"}]   # optional: their uploads
 * thanosCompactor: {url: "http://10.0.0.6:10902"}                   # optional
 * replicaLabel: replica                                             # optional: else detected
 * auth: {bearerTokenFile: ~/.promdeck/token}      # or basic: {username: ops, passwordFile: ...}
 * tls: {caFile: /etc/ssl/dc1-ca.pem}
 * </pre>
 */
public record DirectProfile(
        String name,
        List<Entry> prometheus,
        List<Entry> alertmanager,
        Entry thanosQuery,
        List<Entry> thanosSidecars,
        Entry thanosCompactor,
        String replicaLabel,
        Auth auth,
        Tls tls) {

    public DirectProfile {
        prometheus = prometheus == null ? List.of() : List.copyOf(prometheus);
        alertmanager = alertmanager == null ? List.of() : List.copyOf(alertmanager);
        thanosSidecars = thanosSidecars == null ? List.of() : List.copyOf(thanosSidecars);
    }

    /**
     * One URL. {@code loadBalanced: true} marks a URL behind which several replicas answer in turn: accepted, but the
     * console says it cannot verify every replica through it.
     */
    /**
     * @param configFile the configuration file this Prometheus or Alertmanager loads, on this workstation (relative to
     *                   the profile's folder), for the Config panel; null when not given
     */
    public record Entry(String name, String url, @JsonProperty("loadBalanced") boolean loadBalanced, String configFile) {
        public Entry(String name, String url, boolean loadBalanced) {
            this(name, url, loadBalanced, null);
        }
    }

    /** Either a bearer token file or basic auth with a password file. */
    public record Auth(String bearerTokenFile, Basic basic) {
    }

    public record Basic(String username, String passwordFile) {
    }

    /** A CA bundle to trust, or (said loudly in the UI) no verification at all. */
    public record Tls(String caFile, boolean insecureSkipVerify) {
    }
}
