package io.promdeck.app.alertmanager;

import java.util.List;

/**
 * Matchers exactly as one Alertmanager accepts them: the classic parser up to 0.26; from 0.27 the UTF-8 parser first
 * and the classic one when that fails (Alertmanager's default "fallback" mode); regexes in its Go's dialect. What this
 * accepts, that Alertmanager accepts — checked against a real one by {@code MatcherAcceptanceIT}.
 */
public final class MatcherSyntax {

    private final AlertmanagerDialect dialect;

    MatcherSyntax(AlertmanagerDialect dialect) {
        this.dialect = dialect;
    }

    public AlertmanagerDialect dialect() {
        return dialect;
    }

    /**
     * Zero or more matchers, braces optional ({@code amtool}, silences, the alerts filter).
     *
     * @throws MatcherSyntaxException with the 0-based position of the problem
     */
    public List<Matcher> parse(String input) {
        String text = input == null ? "" : input;
        if (!dialect.utf8Parser()) {
            return Matchers.parseClassic(text, dialect.angleNamedGroups());
        }
        try {
            return Utf8Matchers.parse(text, dialect.angleNamedGroups());
        } catch (MatcherSyntaxException utf8) {
            // Alertmanager falls back to the classic parser and reports the classic parser's error when both fail.
            return Matchers.parseClassic(text, dialect.angleNamedGroups());
        }
    }

    /** Exactly one matcher, as Alertmanager's {@code filter} query parameter takes it. */
    public Matcher parseOne(String input) {
        String text = input == null ? "" : input;
        if (!dialect.utf8Parser()) {
            return Matchers.parseOneClassic(text, dialect.angleNamedGroups());
        }
        if (text.startsWith("{") || text.endsWith("}")) {
            throw new MatcherSyntaxException(text.startsWith("{") ? 0 : text.length() - 1, "unexpected open or close brace");
        }
        try {
            return Utf8Matchers.parseOne(text, dialect.angleNamedGroups());
        } catch (MatcherSyntaxException utf8) {
            return Matchers.parseOneClassic(text, dialect.angleNamedGroups());
        }
    }
}
