package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One object of a rendered stack, with the component (manifest file) it belongs to. */
public record RenderedObject(String component, HasMetadata object) {

    public String kind() {
        return object.getKind();
    }

    public String name() {
        return object.getMetadata().getName();
    }

    public boolean clusterScoped() {
        return object.getMetadata().getNamespace() == null;
    }

    /** {@code StatefulSet/prometheus}, {@code ClusterRole/promdeck-monitoring-prometheus}. */
    public String id() {
        return kind() + "/" + name();
    }
}
