package io.promdeck.app.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the user may do in the stack namespace, from the RBAC preflight.
 *
 * @param portForward whether {@code create pods/portforward} is allowed (the fallback when the proxy is not)
 */
public record Capabilities(String namespace, Capability monitor, Capability act, Capability install, boolean portForward,
        Map<AccessCheck, Boolean> answers) {

    public Capabilities {
        // In the order the preflight asked (the RBAC table lists them so), and immutable.
        answers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
    }

    /** One capability and the verbs it lacks. */
    public record Capability(String name, boolean granted, List<AccessCheck> missing) {
        public Capability {
            missing = List.copyOf(missing);
        }
    }

    /** "can monitor, can act, cannot install". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (Capability c : List.of(monitor, act, install)) {
            parts.add((c.granted() ? "can " : "cannot ") + c.name());
        }
        return String.join(", ", parts);
    }

    public boolean proxyAllowed() {
        return Boolean.TRUE.equals(answers.get(AccessCheck.sub("get", "pods", "proxy", namespace)));
    }

    public boolean proxyCreateAllowed() {
        return Boolean.TRUE.equals(answers.get(AccessCheck.sub("create", "pods", "proxy", namespace)));
    }
}
