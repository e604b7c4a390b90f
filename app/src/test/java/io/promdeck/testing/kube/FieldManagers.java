package io.promdeck.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side apply as a real API server does it: every field has owners (field managers); an apply by a manager
 * sets the fields it sends, removes the fields it owned before and no longer sends (unless another manager owns
 * them too), keeps every field other managers own, and reports a 409 conflict when it would change a value another
 * manager owns, unless forced (then ownership moves to the applier).
 *
 * <p>Still different from a real server: lists are owned as a whole (a real server merges {@code containers},
 * {@code env}, {@code ports}… item by item with their merge keys, so two managers can own different containers);
 * ownership lives in this table, not in {@code metadata.managedFields}; updates (PUT) make their manager the owner
 * of every field they send, as a real server does, under the manager {@code fieldManager} names or
 * "before-first-apply".
 */
final class FieldManagers {

    /** The outcome of an apply: the merged object, or a conflict message. */
    record Applied(ObjectNode object, Optional<String> conflict) {
    }

    private static final Set<String> SERVER_FIELDS = Set.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace",
            "/metadata/uid", "/metadata/resourceVersion", "/metadata/creationTimestamp", "/metadata/generation", "/metadata/managedFields");

    /** object path → manager → owned leaf paths. */
    private final Map<String, Map<String, Set<String>>> owners = new ConcurrentHashMap<>();

    void forget(String objectPath) {
        owners.remove(objectPath);
    }

    /**
     * Records an update (create or PUT) by {@code manager}: it owns every field it sent; other managers lose the
     * fields whose value it changed ({@code old} is null on create).
     */
    void updated(String objectPath, String manager, ObjectNode old, ObjectNode object) {
        Map<String, Set<String>> byManager = owners.computeIfAbsent(objectPath, k -> new ConcurrentHashMap<>());
        Set<String> sent = leaves(object);
        if (old != null) {
            byManager.forEach((m, owned) -> {
                if (!m.equals(manager)) {
                    owned.removeIf(path -> !old.at(path).equals(object.at(path)));
                }
            });
        }
        byManager.computeIfAbsent(manager, k -> ConcurrentHashMap.newKeySet()).addAll(sent);
    }

    /** Merges {@code applied} into {@code live} (null when absent) for {@code manager}; the table is updated only when {@code commit}. */
    Applied apply(String objectPath, String manager, ObjectNode live, ObjectNode applied, boolean force, boolean commit) {
        Map<String, Set<String>> byManager = new HashMap<>();
        owners.getOrDefault(objectPath, Map.of()).forEach((m, owned) -> byManager.put(m, new LinkedHashSet<>(owned)));
        Set<String> sent = leaves(applied);
        List<String> conflicts = new ArrayList<>();
        if (live != null) {
            for (Map.Entry<String, Set<String>> other : byManager.entrySet()) {
                if (other.getKey().equals(manager)) {
                    continue;
                }
                for (String path : sent) {
                    if (other.getValue().contains(path) && !value(live, path).equals(value(applied, path))) {
                        if (force) {
                            other.getValue().remove(path);
                        } else {
                            conflicts.add("conflict with \"" + other.getKey() + "\": ." + path.substring(1).replace('/', '.'));
                        }
                    }
                }
            }
        }
        if (!conflicts.isEmpty()) {
            return new Applied(null, Optional.of("Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", conflicts)));
        }
        ObjectNode merged = live == null ? applied.objectNode() : live.deepCopy();
        Set<String> before = byManager.getOrDefault(manager, Set.of());
        for (String path : before) {
            boolean stillSent = sent.contains(path);
            boolean ownedByOthers = byManager.entrySet().stream().anyMatch(e -> !e.getKey().equals(manager) && e.getValue().contains(path));
            if (!stillSent && !ownedByOthers) {
                remove(merged, path);
            }
        }
        merge(merged, applied);
        byManager.put(manager, sent);
        byManager.values().removeIf(Set::isEmpty);
        if (commit) {
            Map<String, Set<String>> stored = new ConcurrentHashMap<>();
            byManager.forEach(stored::put);
            owners.put(objectPath, stored);
        }
        return new Applied(merged, Optional.empty());
    }

    /** Who owns which fields of an object (for tests). */
    Map<String, Set<String>> owners(String objectPath) {
        return Map.copyOf(owners.getOrDefault(objectPath, Map.of()));
    }

    static Set<String> leaves(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        leaves("", object, out);
        out.removeIf(p -> SERVER_FIELDS.contains(p) || p.startsWith("/status") || p.startsWith("/metadata/managedFields"));
        return out;
    }

    private static void leaves(String path, JsonNode node, Set<String> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), field.getValue(), out);
            }
        } else {
            out.add(path);
        }
    }

    private static JsonNode value(JsonNode root, String path) {
        return root.at(path);
    }

    private static void remove(ObjectNode root, String path) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = cut <= 0 ? root : root.at(path.substring(0, cut));
        if (parent instanceof ObjectNode object) {
            object.remove(path.substring(cut + 1).replace("~1", "/").replace("~0", "~"));
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (field.getValue().isObject() && existing instanceof ObjectNode target && field.getValue().size() > 0) {
                merge(target, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
