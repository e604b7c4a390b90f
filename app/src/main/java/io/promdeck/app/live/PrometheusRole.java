package io.promdeck.app.live;

/**
 * What a Prometheus is in its stack: the doctor compares replicas within their HA group, expects agents to answer
 * no queries, and judges a global Prometheus or a receiver on its own.
 */
public enum PrometheusRole {
    /** A replica of an HA group (the default). */
    REPLICA,
    /** Over other Prometheus: federation, a sharded stack's global view. */
    GLOBAL,
    /** Agent mode: scrapes and remote-writes; no local queries, rules or alerting. */
    AGENT,
    /** Receives remote writes. */
    RECEIVER,
    /** Only reads from remote storage. */
    READER
}
