package io.promdeck.app.alertmanager;

import java.util.ArrayList;
import java.util.List;

/**
 * The matchers parser Alertmanager 0.27 tries first ({@code matchers/parse}): label names and values either
 * double-quoted (Go string syntax, any UTF-8) or unquoted runs of non-reserved characters; braces optional but paired;
 * a trailing comma allowed. Written from its grammar; errors name the 0-based position like the classic parser's.
 */
final class Utf8Matchers {

    private enum Kind { OPEN_BRACE, CLOSE_BRACE, COMMA, OPERATOR, QUOTED, UNQUOTED, EOF }

    private record Token(Kind kind, String text, int start) {
    }

    private final String input;
    private final boolean angleNames;
    private int pos;

    private Utf8Matchers(String input, boolean angleNames) {
        this.input = input;
        this.angleNames = angleNames;
    }

    static List<Matcher> parse(String input, boolean angleNames) {
        return new Utf8Matchers(input, angleNames).matchers();
    }

    /** Exactly one matcher (Alertmanager's {@code filter} parameter): no braces, no second matcher. */
    static Matcher parseOne(String input, boolean angleNames) {
        if (input.startsWith("{") || input.endsWith("}")) {
            throw new MatcherSyntaxException(input.startsWith("{") ? 0 : input.length() - 1, "a single matcher cannot start or end with braces");
        }
        List<Matcher> matchers = parse(input, angleNames);
        if (matchers.size() != 1) {
            throw new MatcherSyntaxException(0, "expected 1 matcher, found " + matchers.size());
        }
        return matchers.get(0);
    }

    private List<Matcher> matchers() {
        List<Matcher> matchers = new ArrayList<>();
        Token first = peek();
        if (first.kind() == Kind.EOF) {
            return matchers;
        }
        boolean braces = first.kind() == Kind.OPEN_BRACE;
        if (braces) {
            next();
            if (peek().kind() == Kind.CLOSE_BRACE) {
                next();
                expectEnd();
                return matchers;
            }
            if (peek().kind() == Kind.EOF) {
                throw new MatcherSyntaxException(pos, "expected close brace");
            }
        }
        while (true) {
            matchers.add(matcher());
            Token after = peek();
            if (after.kind() == Kind.EOF) {
                if (braces) {
                    throw new MatcherSyntaxException(after.start(), "expected close brace");
                }
                return matchers;
            }
            if (after.kind() == Kind.CLOSE_BRACE) {
                close(braces, next());
                return matchers;
            }
            if (after.kind() != Kind.COMMA) {
                throw new MatcherSyntaxException(after.start(), "unexpected " + after.text() + ": expected a comma or close brace");
            }
            next();
            Token following = peek();
            if (following.kind() == Kind.EOF) {
                if (braces) {
                    throw new MatcherSyntaxException(following.start(), "expected close brace");
                }
                return matchers;
            }
            if (following.kind() == Kind.CLOSE_BRACE) {
                close(braces, next());
                return matchers;
            }
            if (following.kind() != Kind.QUOTED && following.kind() != Kind.UNQUOTED) {
                throw new MatcherSyntaxException(following.start(), "unexpected " + following.text()
                        + ": expected a matcher or close brace after comma");
            }
        }
    }

    private void close(boolean braces, Token brace) {
        if (!braces) {
            throw new MatcherSyntaxException(brace.start(), "}: expected opening brace");
        }
        expectEnd();
    }

    private void expectEnd() {
        Token end = next();
        if (end.kind() != Kind.EOF) {
            throw new MatcherSyntaxException(end.start(), end.text() + ": expected end of input");
        }
    }

    private Matcher matcher() {
        Token name = next();
        if (name.kind() != Kind.QUOTED && name.kind() != Kind.UNQUOTED) {
            throw new MatcherSyntaxException(name.start(), name.kind() == Kind.EOF ? "expected label name"
                    : "unexpected " + name.text() + ": expected label name");
        }
        String label = name.kind() == Kind.QUOTED ? GoStrings.unquote(name.text(), name.start()) : name.text();
        Token operator = next();
        if (operator.kind() != Kind.OPERATOR) {
            throw new MatcherSyntaxException(operator.start(), operator.kind() == Kind.EOF
                    ? "expected an operator such as '=', '!=', '=~' or '!~'"
                    : "unexpected " + operator.text() + ": expected an operator such as '=', '!=', '=~' or '!~'");
        }
        Token value = next();
        if (value.kind() != Kind.QUOTED && value.kind() != Kind.UNQUOTED) {
            throw new MatcherSyntaxException(value.start(), value.kind() == Kind.EOF ? "expected label value"
                    : "unexpected " + value.text() + ": expected label value");
        }
        String text = value.kind() == Kind.QUOTED ? GoStrings.unquote(value.text(), value.start()) : value.text();
        try {
            return Matcher.of(label, MatchType.ofOperator(operator.text()), text, angleNames);
        } catch (MatcherSyntaxException e) {
            throw e.shift(e.position() == 0 ? value.start() : value.start() + (value.kind() == Kind.QUOTED ? 1 : 0));
        }
    }

    // --- lexer ---------------------------------------------------------------------------------------------------

    private Token peek() {
        int saved = pos;
        Token token = next();
        pos = saved;
        return token;
    }

    private Token next() {
        while (pos < input.length()) {
            int start = pos;
            int c = input.codePointAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    return new Token(Kind.OPEN_BRACE, "{", start);
                }
                case '}' -> {
                    pos++;
                    return new Token(Kind.CLOSE_BRACE, "}", start);
                }
                case ',' -> {
                    pos++;
                    return new Token(Kind.COMMA, ",", start);
                }
                case '=', '!' -> {
                    return operator(start);
                }
                case '"' -> {
                    return quoted(start);
                }
                default -> {
                    if (space(c)) {
                        pos += Character.charCount(c);
                    } else if (!reserved(c)) {
                        return unquoted(start);
                    } else {
                        throw new MatcherSyntaxException(start, new String(Character.toChars(c)) + ": invalid input");
                    }
                }
            }
        }
        return new Token(Kind.EOF, "", input.length());
    }

    private Token operator(int start) {
        char first = input.charAt(pos++);
        if (first == '!') {
            if (pos >= input.length()) {
                throw new MatcherSyntaxException(start, "unexpected end of input, expected one of '=~'");
            }
            char second = input.charAt(pos);
            if (second != '=' && second != '~') {
                throw new MatcherSyntaxException(pos, input.substring(start, pos + 1) + ": expected one of '=~'");
            }
            pos++;
            return new Token(Kind.OPERATOR, input.substring(start, pos), start);
        }
        if (pos < input.length() && input.charAt(pos) == '~') {
            pos++;
        }
        return new Token(Kind.OPERATOR, input.substring(start, pos), start);
    }

    private Token quoted(int start) {
        pos++;
        boolean escaped = false;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                pos++;
                return new Token(Kind.QUOTED, input.substring(start, pos), start);
            }
            pos++;
        }
        throw new MatcherSyntaxException(start, input.substring(start) + ": missing end \"");
    }

    private Token unquoted(int start) {
        while (pos < input.length()) {
            int c = input.codePointAt(pos);
            if (reserved(c)) {
                break;
            }
            pos += Character.charCount(c);
        }
        return new Token(Kind.UNQUOTED, input.substring(start, pos), start);
    }

    private static boolean reserved(int c) {
        return space(c) || "{}!=~,\"'`".indexOf(c) >= 0;
    }

    private static boolean space(int c) {
        return c <= 0xFFFF && Matchers.goSpace((char) c);
    }
}
