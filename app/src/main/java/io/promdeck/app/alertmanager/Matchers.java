package io.promdeck.app.alertmanager;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses and prints the classic matcher syntax that amtool and Alertmanager 0.25–0.28 accept:
 * {@code {alertname="Foo", severity=~"crit|warn"}}, braces optional, values quoted or bare.
 *
 * <p>This follows Alertmanager's {@code pkg/labels/parse.go} step by step (split on commas outside quotes, one
 * regular expression per matcher, the same unescaping: {@code \n}, {@code \"}, {@code \\}, any other escape kept
 * literally), so that what Alertmanager accepts is accepted and what it refuses is refused, but every error names
 * the position in the text the user typed.
 */
public final class Matchers {

    // The same expression Alertmanager uses, evaluated with RE2 semantics as in Go.
    private static final Pattern MATCHER = Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

    private Matchers() {
    }

    /**
     * The matchers as the oldest Alertmanager Promdeck knows would read them ({@link AlertmanagerDialect#DEFAULT});
     * use {@link AlertmanagerDialect#syntax()} for the one a stack runs.
     *
     * @return the matchers in the order written; an empty list for blank input
     * @throws MatcherSyntaxException naming the 0-based position of the problem
     */
    public static List<Matcher> parse(String input) {
        return AlertmanagerDialect.DEFAULT.syntax().parse(input);
    }

    /** The classic parser ({@code pkg/labels.ParseMatchers}). */
    static List<Matcher> parseClassic(String input, boolean angleNames) {
        String s = input;
        int offset = 0;
        if (s.startsWith("{")) {
            s = s.substring(1);
            offset = 1;
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        List<Matcher> matchers = new ArrayList<>();
        boolean insideQuotes = false;
        boolean escaped = false;
        int tokenStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',' -> {
                    if (!insideQuotes) {
                        matchers.add(parseOne(s.substring(tokenStart, i), offset + tokenStart, angleNames));
                        tokenStart = i + 1;
                    }
                }
                case '"' -> {
                    if (!escaped) {
                        insideQuotes = !insideQuotes;
                    } else {
                        escaped = false;
                    }
                }
                case '\\' -> escaped = !escaped;
                default -> escaped = false;
            }
        }
        // Go trims the last token with strings.TrimSpace (Unicode spaces, U+00A0 among them) before parsing it.
        String last = s.substring(tokenStart);
        int lead = 0;
        while (lead < last.length() && goSpace(last.charAt(lead))) {
            lead++;
        }
        int trail = last.length();
        while (trail > lead && goSpace(last.charAt(trail - 1))) {
            trail--;
        }
        if (trail > lead) {
            matchers.add(parseOne(last.substring(lead, trail), offset + tokenStart + lead, angleNames));
        }
        return List.copyOf(matchers);
    }

    /** Go's {@code unicode.IsSpace}: ASCII spaces, U+0085, U+00A0 and the Unicode space separators. */
    static boolean goSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
            default -> c > 0xFF && (Character.getType(c) == Character.SPACE_SEPARATOR || c == '\u2028' || c == '\u2029');
        };
    }

    /** One matcher such as {@code severity!~"info|debug"}, as the default dialect reads it. */
    public static Matcher parseOne(String token) {
        return AlertmanagerDialect.DEFAULT.syntax().parseOne(token);
    }

    /** The classic parser's {@code ParseMatcher}. */
    static Matcher parseOneClassic(String token, boolean angleNames) {
        return parseOne(token, 0, angleNames);
    }

    private static Matcher parseOne(String token, int offset, boolean angleNames) {
        com.google.re2j.Matcher m = MATCHER.matcher(token);
        if (!m.find()) {
            int at = offset + firstNonSpace(token);
            String shown = token.strip();
            if (shown.isEmpty()) {
                throw new MatcherSyntaxException(at, "empty matcher (two commas in a row?)");
            }
            throw new MatcherSyntaxException(at, "bad matcher format: '" + shown + "' (expected name, one of = != =~ !~, and a value)");
        }
        String name = m.group(1);
        MatchType type = MatchType.ofOperator(m.group(2));
        String raw = m.group(3);
        int valueStart = offset + m.start(3);
        String value = unescape(raw, valueStart);
        try {
            return Matcher.of(name, type, value, angleNames);
        } catch (MatcherSyntaxException e) {
            // A position inside the regex (counted in the value as unescaped: close enough) or the value's start.
            throw e.shift(e.position() == 0 ? valueStart : valueStart + (raw.startsWith("\"") ? 1 : 0));
        }
    }

    private static String unescape(String raw, int rawStart) {
        String text = raw;
        int shift = 0;
        boolean expectTrailingQuote = false;
        if (text.startsWith("\"")) {
            text = text.substring(1);
            shift = 1;
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder(text.length());
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i < text.length() - 1) {
                        escaped = true;
                    } else {
                        value.append('\\');
                    }
                }
                case '"' -> {
                    if (!expectTrailingQuote || i < text.length() - 1) {
                        throw new MatcherSyntaxException(rawStart + shift + i,
                                "unescaped double quote in the value " + raw + " (write \\\" inside a quoted value)");
                    }
                    expectTrailingQuote = false;
                }
                default -> value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw new MatcherSyntaxException(rawStart, "the value " + raw + " opens a double quote that is never closed");
        }
        return value.toString();
    }

    private static int firstNonSpace(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isWhitespace(token.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    /** {@code {a="x", b=~"y"}}: the form amtool prints and this parser reads back to equal matchers. */
    public static String print(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    /** Alertmanager's rule for silences and inhibitions: every matcher must match the label set. */
    public static boolean allMatch(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
