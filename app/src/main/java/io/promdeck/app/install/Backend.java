package io.promdeck.app.install;

/** Where the stack keeps long-term data. */
public enum Backend {
    /** Thanos with the bundled single-pod SeaweedFS S3 store. */
    THANOS_BUNDLED_S3,
    /** Thanos with an existing S3-compatible endpoint (AWS S3, MinIO, Ceph RGW, ...). */
    THANOS_EXISTING_S3,
    /** Prometheus remote_write / remote_read to InfluxDB 1.8; no Thanos components. */
    INFLUXDB,
    /**
     * Prometheus agents ({@code --enable-feature=agent}) remote-writing to the receivers the operator names
     * ({@link RemoteWriteTarget}): no local queries, rules or alerting, no Thanos (seed 003).
     */
    AGENT;

    public boolean thanos() {
        return this == THANOS_BUNDLED_S3 || this == THANOS_EXISTING_S3;
    }
}
