package io.promdeck.app.promql;

/** One PromQL token: its kind, its text as written, a string's decoded value, where it starts. */
record Token(Token.Kind kind, String text, String value, int start) {

    enum Kind {
        NUMBER, STRING, DURATION, IDENT, OP, EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case STRING -> "string " + text;
            case NUMBER -> "number \"" + text + "\"";
            case DURATION -> "duration \"" + text + "\"";
            case IDENT -> "identifier \"" + text + "\"";
            case OP -> "character \"" + text + "\"";
        };
    }
}
