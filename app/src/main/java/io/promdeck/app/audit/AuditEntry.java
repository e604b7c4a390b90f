package io.promdeck.app.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One action the console took on a stack.
 *
 * @param who     the Kubernetes user the cluster knows, or the workstation's user (profiles, local stacks)
 * @param where   the context and namespace, the profile, or "local stack (…)"
 * @param action  "prometheus.reload", "config.apply", "config.rollback", "silence.create", "silence.expire",
 *                "install", "upgrade", "uninstall", "drill.run", "drill.undo", …
 * @param target  what it was done to: a replica, a configuration, a silence id, a namespace
 * @param outcome what came of it, one sentence
 * @param details more, by name (for a configuration: the hashes before and after, and the diff), secrets masked
 */
public record AuditEntry(Instant at, String who, String where, String action, String target, String outcome, Map<String, String> details) {

    public AuditEntry {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
