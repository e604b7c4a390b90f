package io.promdeck.app.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Jackson reports about a YAML file an operator wrote (profiles, parameters, configurations) or a JSON reply,
 * explained plainly: a key given twice is refused with its line (Prometheus and Alertmanager refuse it too), lines are
 * counted from 1 as editors show them, and messages name the field and what was expected — never a Java type.
 */
public final class ReadProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern FROM = Pattern.compile("from (\\w+) value");

    private ReadProblems() {
    }

    /** A mapper that refuses duplicate keys and unknown fields. */
    public static ObjectMapper strictMapper() {
        YAMLFactory factory = YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** A mapper for untyped trees that refuses duplicate keys (Prometheus' and Alertmanager's configs). */
    public static ObjectMapper strictTreeMapper() {
        YAMLFactory factory = YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return YAMLMapper.builder(factory).build();
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }

    /** The line of the field the error names, found in {@code document} (more exact than Jackson's parser position). */
    public static int line(JsonProcessingException e, YamlDocument document) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            int line = document.line(mapping.getPath());
            if (line > 0) {
                return line;
            }
        }
        return line(e);
    }

    /**
     * One sentence: "line 4: the key 'prometheus' appears twice", "line 7: prometheus[0].url should be a text value,
     * not a list", "line 3: unknown field 'promethues' (known: name, prometheus, …)".
     */
    public static String explain(JsonProcessingException e) {
        return explain(e, line(e));
    }

    /** {@link #explain(JsonProcessingException)} at a line found in the document. */
    public static String explain(JsonProcessingException e, YamlDocument document) {
        return explain(e, line(e, document));
    }

    private static String explain(JsonProcessingException e, int line) {
        String where = line > 0 ? "line " + line + ": " : "";
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return where + "the key '" + duplicate.group(1) + "' appears twice in the same mapping (Promdeck, like Prometheus, "
                    + "refuses that: which one is meant?)";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String path = path(unknown.getPath().subList(0, Math.max(0, unknown.getPath().size() - 1)));
            return where + "unknown field '" + unknown.getPropertyName() + "'" + (path.isEmpty() ? "" : " under " + path)
                    + (known == null || known.isEmpty() ? "" : " (known: " + known.stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (e instanceof InvalidFormatException format) {
            return where + subject(format) + " should be " + expected(format.getTargetType()) + ", not '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch) {
            Matcher from = FROM.matcher(original);
            String actual = from.find() ? " , not " + actual(from.group(1)) : "";
            if (mismatch.getTargetType() == null) {
                return where + subject(mismatch) + " has the wrong shape";
            }
            return where + subject(mismatch) + " should be " + expected(mismatch.getTargetType()) + actual.replace(" ,", ",");
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() != null && mapping.getCause().getMessage() != null) {
            return where + (mapping.getPath().isEmpty() ? "" : path(mapping.getPath()) + ": ") + withoutJavaTypes(firstLine(mapping.getCause().getMessage()));
        }
        return where + syntax(original);
    }

    /** Jackson's parser messages in plain words. */
    public static String syntax(String original) {
        String text = firstLine(original);
        if (text.contains("end-of-input")) {
            return "the text ends before it is complete (cut off?)";
        }
        if (text.contains("nesting depth")) {
            return "it is nested deeper than Promdeck reads (1000 levels)";
        }
        if (text.contains("String value length") || text.contains("Number value length")) {
            return "it holds a value longer than Promdeck reads";
        }
        int marker = text.indexOf(" (start marker at");
        if (marker > 0) {
            text = text.substring(0, marker);
        }
        int source = text.indexOf(" at [Source:");
        if (source > 0) {
            text = text.substring(0, source);
        }
        return withoutJavaTypes(text.replace("Unexpected character", "unexpected character"));
    }

    private static String subject(JsonMappingException e) {
        String path = path(e.getPath());
        return path.isEmpty() ? "the document" : path;
    }

    /** "prometheus[0].url" from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class || type == Character.class || type.isEnum()) {
            return "a text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "a mapping (key: value lines)";
        }
        return "a value of another kind";
    }

    private static String expected(JavaType type) {
        return expected(type == null ? null : type.getRawClass());
    }

    private static String actual(String jacksonWord) {
        return switch (jacksonWord) {
            case "String" -> "a text value";
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "Boolean" -> "true or false";
            case "Integer", "Floating-point" -> "a number";
            case "Null" -> "empty";
            default -> "something else";
        };
    }

    /** Jackson's own phrases name Java types in backquotes; keep the words around them. */
    public static String withoutJavaTypes(String message) {
        return message.replaceAll("`[\\w.$<>, \\[\\]]+`", "this value").replaceAll("\\(class [\\w.$]+\\)", "")
                .replaceAll("\\bjava\\.[\\w.]+", "value").replaceAll("\\s+", " ").strip();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Whether the parser is at a point where it could say more (kept for readers that stream). */
    static boolean atToken(JsonParser parser) {
        return parser != null && parser.currentToken() != null;
    }
}
