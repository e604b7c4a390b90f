package io.promdeck.app.promql;

import io.promdeck.app.promql.Expr.Aggregate;
import io.promdeck.app.promql.Expr.Binary;
import io.promdeck.app.promql.Expr.Call;
import io.promdeck.app.promql.Expr.MatrixSelector;
import io.promdeck.app.promql.Expr.NumberLiteral;
import io.promdeck.app.promql.Expr.StringLiteral;
import io.promdeck.app.promql.Expr.Subquery;
import io.promdeck.app.promql.Expr.Unary;
import io.promdeck.app.promql.Expr.VectorMatching;
import io.promdeck.app.promql.Expr.VectorSelector;
import io.promdeck.app.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A PromQL parser after Prometheus' grammar (2.x, with the functions of 3.x accepted): for checking rule expressions
 * before anything is written, and for telling whether the rule Prometheus loaded (which it re-prints in its own format)
 * is the one written. Not an evaluator. Known differences: function argument types are not checked (promtool does,
 * where installed); functions newer than the Prometheus that will run the rule are accepted.
 */
public final class PromQl {

    private final TokenCursor tokens;
    /** The primary just parsed was in parentheses (postfix reads and clears it). */
    private boolean lastParenthesised;

    private PromQl(List<Token> tokens) {
        this.tokens = new TokenCursor(tokens);
    }

    /** Parses one expression; the exception names what is wrong and where. */
    public static Expr parse(String expression) throws PromQlException {
        if (expression == null || expression.isBlank()) {
            throw new PromQlException("no expression found in input", 0);
        }
        PromQl parser = new PromQl(new Lexer(expression).tokens());
        Expr expr = parser.expression(0);
        Token next = parser.tokens.peek();
        if (next.kind() != Kind.EOF) {
            throw new PromQlException("unexpected " + next.describe(), next.start());
        }
        return expr;
    }

    /** Whether two expressions are the same query, however each is written. */
    public static boolean sameQuery(String a, String b) {
        try {
            return parse(a).equals(parse(b));
        } catch (PromQlException e) {
            return a.strip().equals(b.strip());
        }
    }

    // --- precedence climbing ---

    private static int precedence(Token t) {
        if (t.kind() == Kind.IDENT) {
            return switch (t.text().toLowerCase(Locale.ROOT)) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> -1;
            };
        }
        if (t.kind() != Kind.OP) {
            return -1;
        }
        return switch (t.text()) {
            case "==", "!=", "<=", "<", ">=", ">" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> -1;
        };
    }

    private Expr expression(int minPrecedence) throws PromQlException {
        Expr lhs = unary();
        while (true) {
            Token op = tokens.peek();
            int prec = precedence(op);
            if (prec < 0 || prec < minPrecedence) {
                return lhs;
            }
            tokens.next();
            String name = op.kind() == Kind.IDENT ? op.text().toLowerCase(Locale.ROOT) : op.text();
            boolean comparison = prec == 3;
            boolean returnBool = false;
            if (TokenCursor.isKeyword(tokens.peek(), "bool")) {
                if (!comparison) {
                    throw new PromQlException("bool modifier can only be used on comparison operators", tokens.peek().start());
                }
                tokens.next();
                returnBool = true;
            }
            VectorMatching matching = matching(name);
            // ^ is right-associative; every other operator left-associative.
            Expr rhs = expression(name.equals("^") ? prec : prec + 1);
            if (Set.of("and", "or", "unless").contains(name) && (isScalar(lhs) || isScalar(rhs))) {
                throw new PromQlException("set operator \"" + name + "\" not allowed in binary scalar expression", op.start());
            }
            if (comparison && isScalar(lhs) && isScalar(rhs) && !returnBool) {
                throw new PromQlException("comparisons between scalars must use BOOL modifier", op.start());
            }
            lhs = new Binary(name, lhs, rhs, returnBool, matching);
        }
    }

    private VectorMatching matching(String op) throws PromQlException {
        if (!TokenCursor.isKeyword(tokens.peek(), "on") && !TokenCursor.isKeyword(tokens.peek(), "ignoring")) {
            return null;
        }
        boolean on = tokens.next().text().equalsIgnoreCase("on");
        List<String> labels = LabelMatching.labelList(tokens);
        String cardinality = "";
        List<String> include = List.of();
        if (TokenCursor.isKeyword(tokens.peek(), "group_left") || TokenCursor.isKeyword(tokens.peek(), "group_right")) {
            if (Set.of("and", "or", "unless").contains(op)) {
                throw new PromQlException("no grouping allowed for \"" + op + "\" operation", tokens.peek().start());
            }
            cardinality = tokens.next().text().toLowerCase(Locale.ROOT);
            if (tokens.peek().is(Kind.OP, "(")) {
                include = LabelMatching.labelList(tokens);
            }
        }
        return new VectorMatching(on, sorted(labels), cardinality, sorted(include));
    }

    private Expr unary() throws PromQlException {
        Token t = tokens.peek();
        if (t.is(Kind.OP, "-") || t.is(Kind.OP, "+")) {
            tokens.next();
            // Unary minus binds less tightly than ^: -2^2 is -(2^2).
            Expr operand = expression(6);
            if (t.text().equals("+")) {
                return operand;
            }
            if (operand instanceof NumberLiteral n) {
                return new NumberLiteral(-n.value());
            }
            return new Unary("-", operand);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr expr) throws PromQlException {
        // A parenthesised expression takes a subquery, never a range or an offset of its own.
        boolean parenthesised = lastParenthesised;
        lastParenthesised = false;
        while (true) {
            Token t = tokens.peek();
            if (t.is(Kind.OP, "[")) {
                tokens.next();
                long range = duration("range");
                if (tokens.peek().is(Kind.OP, ":")) {
                    tokens.next();
                    long step = tokens.peek().kind() == Kind.DURATION ? duration("step") : 0;
                    tokens.expect("]");
                    expr = new Subquery(expr, range, step, 0, "");
                    parenthesised = false;
                } else {
                    tokens.expect("]");
                    if (parenthesised || !(expr instanceof VectorSelector vs) || vs.offsetMillis() != 0 || !vs.at().isEmpty()) {
                        throw new PromQlException("ranges only allowed for vector selectors", t.start());
                    }
                    expr = new MatrixSelector(expr, range);
                }
            } else if (TokenCursor.isKeyword(t, "offset")) {
                tokens.next();
                boolean negative = false;
                if (tokens.peek().is(Kind.OP, "-")) {
                    tokens.next();
                    negative = true;
                }
                long offset = duration("offset") * (negative ? -1 : 1);
                if (parenthesised) {
                    throw new PromQlException("offset modifier must be preceded by an instant vector selector or range vector selector or a "
                            + "subquery", t.start());
                }
                expr = withOffset(expr, offset, t);
            } else if (t.is(Kind.OP, "@")) {
                tokens.next();
                String atValue = atModifier();
                if (parenthesised) {
                    throw new PromQlException("@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                            t.start());
                }
                expr = withAt(expr, atValue, t);
            } else {
                return expr;
            }
        }
    }

    private String atModifier() throws PromQlException {
        Token t = tokens.next();
        if (t.kind() == Kind.IDENT && (t.text().equals("start") || t.text().equals("end"))) {
            tokens.expect("(");
            tokens.expect(")");
            return t.text() + "()";
        }
        boolean negative = false;
        if (t.is(Kind.OP, "-")) {
            negative = true;
            t = tokens.next();
        }
        if (t.kind() != Kind.NUMBER) {
            throw new PromQlException("unexpected " + t.describe() + " in @, expected timestamp", t.start());
        }
        double value = number(t) * (negative ? -1 : 1);
        return Double.toString(value);
    }

    private static Expr withOffset(Expr expr, long offset, Token t) throws PromQlException {
        if (expr instanceof VectorSelector vs && vs.offsetMillis() == 0) {
            return new VectorSelector(vs.name(), vs.matchers(), offset, vs.at());
        }
        if (expr instanceof MatrixSelector ms && ms.selector() instanceof VectorSelector vs && vs.offsetMillis() == 0) {
            return new MatrixSelector(new VectorSelector(vs.name(), vs.matchers(), offset, vs.at()), ms.rangeMillis());
        }
        if (expr instanceof Subquery sq && sq.offsetMillis() == 0) {
            return new Subquery(sq.expr(), sq.rangeMillis(), sq.stepMillis(), offset, sq.at());
        }
        throw new PromQlException("offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                t.start());
    }

    private static Expr withAt(Expr expr, String at, Token t) throws PromQlException {
        if (expr instanceof VectorSelector vs && vs.at().isEmpty()) {
            return new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at);
        }
        if (expr instanceof MatrixSelector ms && ms.selector() instanceof VectorSelector vs && vs.at().isEmpty()) {
            return new MatrixSelector(new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at), ms.rangeMillis());
        }
        if (expr instanceof Subquery sq && sq.at().isEmpty()) {
            return new Subquery(sq.expr(), sq.rangeMillis(), sq.stepMillis(), sq.offsetMillis(), at);
        }
        throw new PromQlException("@ modifier must be preceded by an instant vector selector or range vector selector or a subquery", t.start());
    }

    private Expr primary() throws PromQlException {
        Token t = tokens.next();
        switch (t.kind()) {
            case NUMBER:
                return new NumberLiteral(number(t));
            case STRING:
                return new StringLiteral(t.value());
            case OP:
                if (t.text().equals("(")) {
                    Expr inner = expression(0);
                    if (!tokens.peek().is(Kind.OP, ")")) {
                        throw new PromQlException(tokens.peek().kind() == Kind.EOF ? "unclosed left parenthesis" : "unexpected " + tokens.peek().describe()
                                + ", expected \")\"", tokens.peek().start());
                    }
                    tokens.next();
                    lastParenthesised = true;
                    return inner;
                }
                if (t.text().equals("{")) {
                    return LabelMatching.selector(tokens, "", t);
                }
                throw new PromQlException("unexpected " + t.describe(), t.start());
            case IDENT:
                return identifier(t);
            case DURATION:
                throw new PromQlException("unexpected duration \"" + t.text() + "\"", t.start());
            case EOF:
            default:
                throw new PromQlException("unexpected end of input", t.start());
        }
    }

    private Expr identifier(Token t) throws PromQlException {
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (PromQlFunctions.AGGREGATIONS.contains(lower) && (tokens.peek().is(Kind.OP, "(") || TokenCursor.isKeyword(tokens.peek(), "by") || TokenCursor.isKeyword(tokens.peek(), "without"))) {
            return aggregate(lower, t);
        }
        if (tokens.peek().is(Kind.OP, "(")) {
            return call(t);
        }
        if (lower.equals("inf") || lower.equals("nan")) {
            return new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (tokens.peek().is(Kind.OP, "{")) {
            return LabelMatching.selector(tokens, t.text(), tokens.next());
        }
        return new VectorSelector(t.text(), List.of(), 0, "");
    }

    private Expr aggregate(String op, Token t) throws PromQlException {
        List<String> grouping = List.of();
        boolean without = false;
        boolean groupingSeen = false;
        if (TokenCursor.isKeyword(tokens.peek(), "by") || TokenCursor.isKeyword(tokens.peek(), "without")) {
            without = tokens.next().text().equalsIgnoreCase("without");
            grouping = LabelMatching.labelList(tokens);
            groupingSeen = true;
        }
        tokens.expect("(");
        Expr param = null;
        Expr body = expression(0);
        if (tokens.peek().is(Kind.OP, ",")) {
            tokens.next();
            param = body;
            body = expression(0);
        }
        tokens.expect(")");
        if (!groupingSeen && (TokenCursor.isKeyword(tokens.peek(), "by") || TokenCursor.isKeyword(tokens.peek(), "without"))) {
            without = tokens.next().text().equalsIgnoreCase("without");
            grouping = LabelMatching.labelList(tokens);
        }
        if (PromQlFunctions.PARAMETERISED.contains(op) && param == null) {
            throw new PromQlException("wrong number of arguments for aggregate expression provided, expected 2, got 1", t.start());
        }
        if (!PromQlFunctions.PARAMETERISED.contains(op) && param != null) {
            throw new PromQlException("wrong number of arguments for aggregate expression provided, expected 1, got 2", t.start());
        }
        return new Aggregate(op, param, body, sorted(grouping), without);
    }

    private Expr call(Token t) throws PromQlException {
        int[] arity = PromQlFunctions.ARITY.get(t.text());
        if (arity == null) {
            throw new PromQlException("unknown function with name \"" + t.text() + "\"", t.start());
        }
        tokens.expect("(");
        List<Expr> args = new ArrayList<>();
        if (!tokens.peek().is(Kind.OP, ")")) {
            args.add(expression(0));
            while (tokens.peek().is(Kind.OP, ",")) {
                tokens.next();
                args.add(expression(0));
            }
        }
        if (!tokens.peek().is(Kind.OP, ")")) {
            throw new PromQlException(tokens.peek().kind() == Kind.EOF ? "unclosed left parenthesis" : "unexpected " + tokens.peek().describe()
                    + " in call to function \"" + t.text() + "\"", tokens.peek().start());
        }
        tokens.next();
        if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
            String expected = arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? Integer.toString(arity[0])
                    : arity[0] + " to " + arity[1];
            throw new PromQlException("expected " + expected + " argument(s) in call to \"" + t.text() + "\", got " + args.size(), t.start());
        }
        return new Call(t.text(), args);
    }

    private long duration(String what) throws PromQlException {
        Token t = tokens.next();
        if (t.kind() != Kind.DURATION) {
            throw new PromQlException("unexpected " + t.describe() + " in " + what + ", expected duration", t.start());
        }
        long millis = PromDuration.millis(t.text());
        if (millis < 0) {
            throw new PromQlException("bad duration \"" + t.text() + "\"", t.start());
        }
        if (millis == 0 && !what.equals("offset")) {
            throw new PromQlException("duration must be greater than 0", t.start());
        }
        return millis;
    }

    private static double number(Token t) throws PromQlException {
        String s = t.text().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new PromQlException("bad number \"" + t.text() + "\"", t.start());
        }
    }

    private static boolean isScalar(Expr e) {
        return e instanceof NumberLiteral || e instanceof Unary u && isScalar(u.expr())
                || e instanceof Binary b && isScalar(b.lhs()) && isScalar(b.rhs())
                || e instanceof Call c && (c.function().equals("scalar") || c.function().equals("time") || c.function().equals("pi"));
    }

    private static List<String> sorted(List<String> labels) {
        List<String> copy = new ArrayList<>(labels);
        copy.sort(null);
        return copy;
    }
}
