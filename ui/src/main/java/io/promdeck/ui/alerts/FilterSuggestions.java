package io.promdeck.ui.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Completions for the alerts filter as typed, from the label names and values among the alerts. Pure. */
final class FilterSuggestions {

    /** At most this many, as the popup shows them. */
    static final int MAX = 20;

    private FilterSuggestions() {
    }

    /**
     * Label names for a name being typed, {@code name="value"} for a value, each as the whole filter text (what the
     * completion field puts in); nothing while nothing is typed.
     */
    static List<String> of(String typed, Map<String, List<String>> values) {
        String text = typed == null ? "" : typed;
        int cut = Math.max(text.lastIndexOf(','), text.lastIndexOf('{')) + 1;
        String head = text.substring(0, cut);
        String token = text.substring(cut).stripLeading();
        String spacing = cut > 0 && text.charAt(cut - 1) == ',' ? " " : "";
        List<String> out = new ArrayList<>();
        int op = token.indexOf('=');
        if (token.isEmpty()) {
            // Nothing typed yet: no popup over the field.
            return List.of();
        }
        if (op < 0) {
            for (String name : values.keySet()) {
                if (name.startsWith(token) && !name.equals(token)) {
                    out.add(head + spacing + name + "=");
                }
            }
        } else {
            String name = token.substring(0, op).replace("!", "");
            String valuePrefix = token.substring(op + 1).replace("~", "").replace("\"", "");
            for (String value : values.getOrDefault(name, List.of())) {
                if (value.startsWith(valuePrefix)) {
                    out.add(head + spacing + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                }
            }
        }
        return out.size() > MAX ? out.subList(0, MAX) : out;
    }
}
