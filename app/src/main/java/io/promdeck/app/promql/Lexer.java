package io.promdeck.app.promql;

import io.promdeck.app.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; an unterminated string or a stray character is an error at its position. */
final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
        this.s = s;
    }

    List<Token> tokens() throws PromQlException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (i >= s.length()) {
                out.add(new Token(Kind.EOF, "", "", i));
                return out;
            }
            out.add(token());
        }
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private Token token() throws PromQlException {
        int start = i;
        char c = s.charAt(i);
        if (c == '"' || c == '\'' || c == '`') {
            return string(c);
        }
        if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            return numberOrDuration();
        }
        // In "[30m:1m]" and "[30m:]" the colon separates range and step; elsewhere it may start a metric name.
        if (c == ':' && (i + 1 >= s.length() || !(Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_'))) {
            i++;
            return new Token(Kind.OP, ":", "", start);
        }
        if (Character.isLetter(c) || c == '_' || c == ':') {
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
                i++;
            }
            return new Token(Kind.IDENT, s.substring(start, i), "", start);
        }
        for (String op : List.of("==", "!=", "<=", ">=", "=~", "!~")) {
            if (s.startsWith(op, i)) {
                i += 2;
                return new Token(Kind.OP, op, "", start);
            }
        }
        if ("+-*/%^<>=(){}[],:@".indexOf(c) >= 0) {
            i++;
            return new Token(Kind.OP, String.valueOf(c), "", start);
        }
        throw new PromQlException("unexpected character: '" + c + "'", start);
    }

    private Token numberOrDuration() {
        int start = i;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            i += 2;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            return new Token(Kind.NUMBER, s.substring(start, i), "", start);
        }
        // A duration: digits and units, repeated ("1h30m").
        int j = i;
        boolean duration = false;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            int k = j;
            while (k < s.length() && Character.isDigit(s.charAt(k))) {
                k++;
            }
            int unit = unitLength(k);
            if (unit == 0) {
                break;
            }
            duration = true;
            j = k + unit;
        }
        if (duration && (j >= s.length() || !Character.isLetterOrDigit(s.charAt(j)))) {
            i = j;
            return new Token(Kind.DURATION, s.substring(start, i), "", start);
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int save = i;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            } else {
                i = save;
            }
        }
        return new Token(Kind.NUMBER, s.substring(start, i), "", start);
    }

    private int unitLength(int k) {
        if (s.startsWith("ms", k)) {
            return 2;
        }
        if (k < s.length() && "smhdwy".indexOf(s.charAt(k)) >= 0) {
            return 1;
        }
        return 0;
    }

    /** The character of an escape's {@code digits} digits at {@code from} in {@code radix}. */
    private char code(int from, int digits, int radix) throws PromQlException {
        try {
            return (char) Integer.parseInt(s.substring(from, Math.min(from + digits, s.length())), radix);
        } catch (NumberFormatException e) {
            throw new PromQlException("invalid escape sequence", from - 2);
        }
    }

    private Token string(char quote) throws PromQlException {
        int start = i;
        i++;
        StringBuilder value = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                i++;
                return new Token(Kind.STRING, s.substring(start, i), value.toString(), start);
            }
            if (c == '\n' && quote != '`') {
                break;
            }
            if (c == '\\' && quote != '`' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'a' -> value.append('\u0007');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'v' -> value.append('\u000b');
                    case '\\', '"', '\'' -> value.append(e);
                    case 'x' -> {
                        value.append(code(i, 2, 16));
                        i += 2;
                    }
                    case 'u' -> {
                        value.append(code(i, 4, 16));
                        i += 4;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            value.append(code(i - 1, 3, 8));
                            i += 2;
                        } else {
                            throw new PromQlException("unknown escape sequence \\" + e, i - 2);
                        }
                    }
                }
                continue;
            }
            value.append(c);
            i++;
        }
        throw new PromQlException("unterminated quoted string " + quote, start);
    }
}
