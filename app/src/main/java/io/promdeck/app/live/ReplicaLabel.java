package io.promdeck.app.live;

/**
 * The external label HA replicas differ in, and where its name comes from: the installed parameters, the operator's
 * {@code replicaExternalLabelName}, the direct profile, or detected as the one external label whose value differs
 * between the replicas.
 */
public record ReplicaLabel(String name, Source source) {

    public enum Source {
        INSTALLED("the installed parameters"),
        OPERATOR("the Prometheus resource's replicaExternalLabelName"),
        PROFILE("the direct profile"),
        SANDBOX("the local stack's configuration"),
        DETECTED("the one external label whose value differs between the replicas"),
        UNKNOWN("no source: the replicas share every external label, and nothing says which one should differ");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A label name given by the stack itself (not detected). */
    public static ReplicaLabel given(String name, Source source) {
        return new ReplicaLabel(name, source);
    }

    public boolean known() {
        return source != Source.UNKNOWN;
    }
}
