package io.promdeck.app.alertmanager;

/** Go's {@code strconv.Unquote} for double-quoted strings, as the UTF-8 matchers parser uses it. */
final class GoStrings {

    private GoStrings() {
    }

    /**
     * @param quoted the token with its quotes
     * @param at     where the token starts in the input, for errors
     */
    static String unquote(String quoted, int at) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            throw invalid(quoted, at);
        }
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\n') {
                throw invalid(quoted, at);
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw invalid(quoted, at);
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'x' -> {
                    out.append((char) hex(body, i, 2, quoted, at));
                    i += 2;
                }
                case 'u' -> {
                    appendCodePoint(out, hex(body, i, 4, quoted, at), quoted, at);
                    i += 4;
                }
                case 'U' -> {
                    appendCodePoint(out, hex(body, i, 8, quoted, at), quoted, at);
                    i += 8;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) {
                        throw invalid(quoted, at);
                    }
                    int value = e - '0';
                    for (int k = 0; k < 2; k++) {
                        char d = body.charAt(i + k);
                        if (d < '0' || d > '7') {
                            throw invalid(quoted, at);
                        }
                        value = value * 8 + (d - '0');
                    }
                    if (value > 255) {
                        throw invalid(quoted, at);
                    }
                    out.append((char) value);
                    i += 2;
                }
                default -> throw invalid(quoted, at);
            }
        }
        return out.toString();
    }

    private static int hex(String body, int from, int digits, String quoted, int at) {
        if (from + digits > body.length()) {
            throw invalid(quoted, at);
        }
        try {
            return (int) Long.parseLong(body.substring(from, from + digits), 16);
        } catch (NumberFormatException e) {
            throw invalid(quoted, at);
        }
    }

    private static void appendCodePoint(StringBuilder out, int codePoint, String quoted, int at) {
        if (!Character.isValidCodePoint(codePoint) || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            throw invalid(quoted, at);
        }
        out.appendCodePoint(codePoint);
    }

    private static MatcherSyntaxException invalid(String quoted, int at) {
        return new MatcherSyntaxException(at, quoted + ": invalid input");
    }
}
