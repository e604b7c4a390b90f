package io.promdeck.app.install;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fills the manifests' placeholders. {@code ${name}} becomes a double-quoted YAML scalar (any value is safe there);
 * {@code ${name|raw}} is inserted as is and so only accepts tokens without spaces, quotes or YAML syntax (names,
 * numbers, durations, quantities); {@code $$} is a literal {@code $} (Prometheus' own {@code ${POD_NAME}} is written
 * {@code $${POD_NAME}}). A placeholder without a value is an error naming the file and line: nothing stays unresolved.
 */
public final class TemplateRenderer {

    private static final Pattern RAW_SAFE = Pattern.compile("[A-Za-z0-9._:/@=+-]*");

    private TemplateRenderer() {
    }

    /** A template that cannot be filled. */
    public static final class TemplateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    public static String render(String template, Map<String, String> values, String source) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int line = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c != '$') {
                out.append(c);
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            if (i + 1 >= template.length() || template.charAt(i + 1) != '{') {
                out.append(c);
                continue;
            }
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new TemplateException(source + " line " + line + ": '${' is never closed");
            }
            String placeholder = template.substring(i + 2, end);
            boolean raw = placeholder.endsWith("|raw");
            String name = raw ? placeholder.substring(0, placeholder.length() - 4) : placeholder;
            String value = values.get(name);
            if (value == null) {
                throw new TemplateException(source + " line " + line + ": no value for ${" + placeholder + "}");
            }
            if (raw) {
                if (!RAW_SAFE.matcher(value).matches()) {
                    throw new TemplateException(source + " line " + line + ": the value of " + name
                            + " cannot be inserted unquoted (it holds spaces, quotes or YAML syntax)");
                }
                out.append(value);
            } else {
                out.append(quote(value));
            }
            i = end;
        }
        return out.toString();
    }

    /** A double-quoted YAML scalar (JSON string syntax, which YAML accepts), escaping everything that needs it. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
