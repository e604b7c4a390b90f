package io.promdeck.app.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selectors as prometheus-operator applies them to monitors, rules and namespaces: {@code null} selects
 * nothing, {@code {}} everything, otherwise every {@code matchLabels} pair and {@code matchExpressions} term must hold.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** Whether {@code selector} (a {@code spec} field as read, a map or null) selects an object with {@code labels}. */
    public static boolean matches(Object selector, Map<String, String> labels) {
        if (!(selector instanceof Map<?, ?> map)) {
            return false;
        }
        if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            for (Map.Entry<?, ?> e : matchLabels.entrySet()) {
                if (!String.valueOf(e.getValue()).equals(labels.get(String.valueOf(e.getKey())))) {
                    return false;
                }
            }
        }
        if (map.get("matchExpressions") instanceof List<?> expressions) {
            for (Object expression : expressions) {
                if (expression instanceof Map<?, ?> term && !term(term, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True for {@code {}}: every object (and every namespace) is selected. */
    public static boolean selectsAll(Object selector) {
        return selector instanceof Map<?, ?> map && !(map.get("matchLabels") instanceof Map<?, ?> l && !l.isEmpty())
                && !(map.get("matchExpressions") instanceof List<?> x && !x.isEmpty());
    }

    /** "release=kube-prometheus-stack, tier in (a,b)"; "nothing (no selector)" for null, "everything" for {}. */
    public static String describe(Object selector) {
        if (!(selector instanceof Map<?, ?> map)) {
            return "nothing (no selector)";
        }
        if (selectsAll(selector)) {
            return "everything";
        }
        List<String> parts = new ArrayList<>();
        if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (map.get("matchExpressions") instanceof List<?> expressions) {
            for (Object expression : expressions) {
                if (expression instanceof Map<?, ?> term) {
                    String op = String.valueOf(term.get("operator"));
                    Object values = term.get("values");
                    String list = values instanceof List<?> v ? String.join(",", v.stream().map(String::valueOf).toList()) : "";
                    parts.add(switch (op) {
                        case "Exists" -> String.valueOf(term.get("key"));
                        case "DoesNotExist" -> "!" + term.get("key");
                        case "NotIn" -> term.get("key") + " notin (" + list + ")";
                        default -> term.get("key") + " in (" + list + ")";
                    });
                }
            }
        }
        return String.join(", ", parts);
    }

    private static boolean term(Map<?, ?> term, Map<String, String> labels) {
        String key = String.valueOf(term.get("key"));
        List<String> values = term.get("values") instanceof List<?> v ? v.stream().map(String::valueOf).toList() : List.of();
        String value = labels.get(key);
        return switch (String.valueOf(term.get("operator"))) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            // An operator the API server would have refused: select nothing rather than guess.
            default -> false;
        };
    }
}
