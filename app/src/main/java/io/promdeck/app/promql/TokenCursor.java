package io.promdeck.app.promql;

import io.promdeck.app.promql.Token.Kind;
import java.util.List;

/** The parser's place in the tokens: the next one, taking it, and requiring an operator. */
final class TokenCursor {

    private final List<Token> tokens;
    private int at;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    static boolean isKeyword(Token t, String keyword) {
        return t.kind() == Kind.IDENT && t.text().equalsIgnoreCase(keyword);
    }

    Token peek() {
        return tokens.get(at);
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.EOF) {
            at++;
        }
        return t;
    }

    void expect(String op) throws PromQlException {
        Token t = next();
        if (!t.is(Kind.OP, op)) {
            throw new PromQlException(t.kind() == Kind.EOF ? (op.equals(")") ? "unclosed left parenthesis" : "unexpected end of input, expected \""
                    + op + "\"") : "unexpected " + t.describe() + ", expected \"" + op + "\"", t.start());
        }
    }
}
