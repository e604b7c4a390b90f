package io.promdeck.app.alertmanager;

/** The four matcher operators, as Alertmanager spells them. */
public enum MatchType {
    EQUAL("=", false, true),
    NOT_EQUAL("!=", false, false),
    REGEX("=~", true, true),
    NOT_REGEX("!~", true, false);

    private final String operator;
    private final boolean regex;
    private final boolean equal;

    MatchType(String operator, boolean regex, boolean equal) {
        this.operator = operator;
        this.regex = regex;
        this.equal = equal;
    }

    public String operator() {
        return operator;
    }

    /** Alertmanager v2's {@code isRegex}. */
    public boolean regex() {
        return regex;
    }

    /** Alertmanager v2's {@code isEqual}. */
    public boolean equal() {
        return equal;
    }

    public static MatchType of(boolean isRegex, boolean isEqual) {
        if (isRegex) {
            return isEqual ? REGEX : NOT_REGEX;
        }
        return isEqual ? EQUAL : NOT_EQUAL;
    }

    public static MatchType ofOperator(String operator) {
        for (MatchType type : values()) {
            if (type.operator.equals(operator)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown matcher operator " + operator);
    }
}
