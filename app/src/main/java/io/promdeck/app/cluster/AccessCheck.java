package io.promdeck.app.cluster;

/**
 * One verb on one resource the console needs, checked with a SelfSubjectAccessReview.
 *
 * @param namespace null for cluster-scoped resources
 */
public record AccessCheck(String verb, String group, String resource, String subresource, String namespace) {

    static AccessCheck namespaced(String verb, String group, String resource, String namespace) {
        return new AccessCheck(verb, group, resource, "", namespace);
    }

    static AccessCheck sub(String verb, String resource, String subresource, String namespace) {
        return new AccessCheck(verb, "", resource, subresource, namespace);
    }

    static AccessCheck cluster(String verb, String group, String resource) {
        return new AccessCheck(verb, group, resource, "", null);
    }

    /** {@code create pods/proxy}, {@code list storageclasses.storage.k8s.io (cluster-wide)}. */
    public String describe() {
        String what = resource + (subresource.isEmpty() ? "" : "/" + subresource) + (group.isEmpty() ? "" : "." + group);
        return verb + " " + what + (namespace == null ? " (cluster-wide)" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
