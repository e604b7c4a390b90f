package io.promdeck.app.alertmanager;

import com.google.re2j.Pattern;
import java.util.Map;
import java.util.Objects;

/**
 * One label matcher with Alertmanager's semantics: regexes are Go RE2, fully anchored; a missing label is the
 * empty string.
 */
public final class Matcher {

    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    private Matcher(String name, MatchType type, String value, Pattern pattern) {
        this.name = name;
        this.type = type;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * A matcher as an Alertmanager holds it (any Go version's regex syntax accepted, see {@link GoRegex}).
     *
     * @throws MatcherSyntaxException when a regex value is not valid Go RE2 syntax (the position is inside the value)
     */
    public static Matcher of(String name, MatchType type, String value) {
        return of(name, type, value, true);
    }

    /**
     * @param angleNames whether {@code (?<name>…)} groups are accepted (Alertmanagers built with Go 1.22 or later)
     */
    public static Matcher of(String name, MatchType type, String value, boolean angleNames) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Pattern pattern = null;
        if (type.regex()) {
            try {
                pattern = GoRegex.compile(value, angleNames);
            } catch (MatcherSyntaxException e) {
                throw new MatcherSyntaxException(e.position(), "invalid regular expression for " + name + ": " + e.reason());
            }
        }
        return new Matcher(name, type, value, pattern);
    }

    public static Matcher equal(String name, String value) {
        return of(name, MatchType.EQUAL, value);
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether a label value (empty string for a missing label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).find();
            case NOT_REGEX -> !pattern.matcher(v).find();
        };
    }

    /** Whether the matcher is satisfied by an alert's label set. */
    public boolean matches(Map<String, String> labels) {
        return matches(labels.get(name));
    }

    /**
     * As Alertmanager prints it: {@code name="va\"lue"}, the value always quoted and escaped; a name the classic
     * syntax cannot hold (0.27's UTF-8 names) quoted too.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 6);
        if (CLASSIC_NAME.matcher(name).matches()) {
            out.append(name);
        } else {
            quote(out, name);
        }
        out.append(type.operator());
        return quote(out, value).toString();
    }

    private static final java.util.regex.Pattern CLASSIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher other && name.equals(other.name) && type == other.type && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }
}
