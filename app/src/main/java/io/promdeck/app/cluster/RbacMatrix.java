package io.promdeck.app.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RBAC preflight as a table: one row per resource (with its subresource and scope), one column per verb, each cell
 * allowed, denied or not asked, and what the row's permissions enable in the console.
 */
public final class RbacMatrix {

    /** The verbs as columns, in the order kubectl's {@code auth can-i --list} groups them. */
    public static final List<String> VERBS = List.of("get", "list", "watch", "create", "patch", "delete");

    /** One resource: {@code answers} maps each asked verb to allowed (true) or denied (false); verbs not asked are absent. */
    public record Row(String resource, String scope, Map<String, Boolean> answers, String enables) {
        public Row {
            answers = Map.copyOf(answers);
        }

        public Optional<Boolean> answer(String verb) {
            return Optional.ofNullable(answers.get(verb));
        }

        /** "allowed", "denied" or "" (not asked). */
        public String cell(String verb) {
            return answer(verb).map(a -> a ? "allowed" : "denied").orElse("");
        }

        public boolean anyDenied() {
            return answers.containsValue(false);
        }
    }

    private RbacMatrix() {
    }

    public static List<Row> of(Capabilities capabilities) {
        Map<String, Map<String, Boolean>> byResource = new LinkedHashMap<>();
        Map<String, AccessCheck> sample = new LinkedHashMap<>();
        for (Map.Entry<AccessCheck, Boolean> answer : capabilities.answers().entrySet()) {
            AccessCheck check = answer.getKey();
            String key = resource(check) + "|" + scope(check);
            byResource.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(check.verb(), answer.getValue());
            sample.putIfAbsent(key, check);
        }
        List<Row> rows = new ArrayList<>();
        byResource.forEach((key, answers) -> {
            AccessCheck check = sample.get(key);
            rows.add(new Row(resource(check), scope(check), answers, enables(check, capabilities)));
        });
        return rows;
    }

    private static String resource(AccessCheck check) {
        return check.resource() + (check.subresource().isEmpty() ? "" : "/" + check.subresource()) + (check.group().isEmpty() ? "" : "." + check.group());
    }

    private static String scope(AccessCheck check) {
        return check.namespace() == null ? "cluster" : check.namespace();
    }

    /** What the row's permissions are for: the capabilities that need it, and the one feature a subresource opens. */
    static String enables(AccessCheck check, Capabilities capabilities) {
        String special = switch (check.resource() + "/" + check.subresource()) {
            case "pods/log" -> "pod logs";
            case "pods/proxy" -> "the pod-proxy transport (get: reading; create: reload, silences)";
            case "pods/portforward" -> "the port-forward transport and opening components' web UIs";
            case "events/" -> "the Events panel";
            default -> "";
        };
        Set<String> needs = new LinkedHashSet<>();
        for (Capabilities.Capability capability : List.of(capabilities.monitor(), capabilities.act(), capabilities.install())) {
            boolean needed = switch (capability.name()) {
                case "monitor" -> RbacPreflight.monitorChecks(capabilities.namespace()).stream().anyMatch(c -> sameResource(c, check));
                case "act" -> RbacPreflight.actChecks(capabilities.namespace()).stream().anyMatch(c -> sameResource(c, check));
                default -> RbacPreflight.installChecks(capabilities.namespace()).stream().anyMatch(c -> sameResource(c, check));
            };
            if (needed) {
                needs.add(capability.name());
            }
        }
        // "act" always includes "monitor": naming both says nothing more.
        if (needs.contains("monitor")) {
            needs.remove("act");
        }
        String capabilitiesText = needs.isEmpty() ? "" : String.join(", ", needs);
        if (special.isEmpty()) {
            return capabilitiesText;
        }
        return capabilitiesText.isEmpty() ? special : special + " (" + capabilitiesText + ")";
    }

    private static boolean sameResource(AccessCheck a, AccessCheck b) {
        return a.group().equals(b.group()) && a.resource().equals(b.resource()) && a.subresource().equals(b.subresource())
                && java.util.Objects.equals(a.namespace(), b.namespace());
    }
}
