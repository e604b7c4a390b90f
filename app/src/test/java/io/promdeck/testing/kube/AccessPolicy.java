package io.promdeck.testing.kube;

import java.util.Set;
import java.util.function.Predicate;

/** Which SelfSubjectAccessReviews the mock API server allows: a real server asks its authorizers instead. */
@FunctionalInterface
public interface AccessPolicy {

    boolean allows(Attributes attributes);

    /** What a review asks: verb, group, resource, subresource, namespace (null for cluster scope). */
    record Attributes(String verb, String group, String resource, String subresource, String namespace) {
        public String key() {
            return verb + " " + resource + (subresource == null || subresource.isEmpty() ? "" : "/" + subresource);
        }
    }

    static AccessPolicy allowAll() {
        return a -> true;
    }

    static AccessPolicy denyAll() {
        return a -> false;
    }

    /** Allows exactly the given "verb resource[/subresource]" keys, e.g. {@code "get pods/proxy"}. */
    static AccessPolicy only(Set<String> keys) {
        return a -> keys.contains(a.key());
    }

    default AccessPolicy except(Predicate<Attributes> denied) {
        return a -> allows(a) && !denied.test(a);
    }
}
