package io.promdeck.app.prometheus;

/**
 * The configuration a replica is running, as it serves it, with a hash that ignores the replica label.
 *
 * @param yaml the YAML Prometheus reports (its own normalised form)
 * @param hash SHA-256 over the canonical form without the replica external label; equal on healthy replicas
 */
public record LoadedConfig(String yaml, String hash) {

    /** The first 12 hex digits, enough to tell configurations apart on screen. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
