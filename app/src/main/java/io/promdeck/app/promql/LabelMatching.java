package io.promdeck.app.promql;

import io.promdeck.app.promql.Expr.LabelMatcher;
import io.promdeck.app.promql.Expr.VectorSelector;
import io.promdeck.app.promql.Token.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The label parts of PromQL: a selector's matchers in braces, and the label lists of by/without/on/ignoring/group_x. */
final class LabelMatching {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelMatching() {
    }

    static Expr selector(TokenCursor tokens, String name, Token open) throws PromQlException {
        List<LabelMatcher> matchers = new ArrayList<>();
        while (!tokens.peek().is(Kind.OP, "}")) {
            Token label = tokens.next();
            if (label.kind() != Kind.IDENT && label.kind() != Kind.STRING) {
                throw new PromQlException(label.kind() == Kind.EOF ? "unexpected end of input inside braces" : "unexpected " + label.describe()
                        + " in label matching, expected identifier or \"}\"", label.start());
            }
            String labelName = label.kind() == Kind.STRING ? label.value() : label.text();
            Token op = tokens.next();
            if (op.kind() != Kind.OP || !Set.of("=", "!=", "=~", "!~").contains(op.text())) {
                throw new PromQlException("unexpected " + op.describe() + " in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"",
                        op.start());
            }
            Token value = tokens.next();
            if (value.kind() != Kind.STRING) {
                throw new PromQlException("unexpected " + value.describe() + " in label matching, expected string", value.start());
            }
            if (op.text().endsWith("~")) {
                try {
                    io.promdeck.app.alertmanager.GoRegex.compile(value.value(), true);
                } catch (io.promdeck.app.alertmanager.MatcherSyntaxException e) {
                    throw new PromQlException("invalid regular expression in label matcher: " + e.getMessage(), value.start());
                }
            }
            matchers.add(new LabelMatcher(labelName, op.text(), value.value()));
            if (tokens.peek().is(Kind.OP, ",")) {
                tokens.next();
            } else if (!tokens.peek().is(Kind.OP, "}")) {
                throw new PromQlException(tokens.peek().kind() == Kind.EOF ? "unexpected end of input inside braces" : "unexpected " + tokens.peek().describe()
                        + " in label matching, expected \",\" or \"}\"", tokens.peek().start());
            }
        }
        tokens.next();
        String metric = name;
        List<LabelMatcher> rest = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (m.name().equals("__name__") && m.op().equals("=") && metric.isEmpty()) {
                metric = m.value();
            } else {
                rest.add(m);
            }
        }
        if (metric.isEmpty() && rest.stream().allMatch(m -> matchesEmpty(m))) {
            throw new PromQlException("vector selector must contain at least one non-empty matcher", open.start());
        }
        rest.sort(Comparator.comparing(LabelMatcher::name).thenComparing(LabelMatcher::op).thenComparing(LabelMatcher::value));
        return new VectorSelector(metric, rest, 0, "");
    }

    private static boolean matchesEmpty(LabelMatcher m) {
        return switch (m.op()) {
            case "=" -> m.value().isEmpty();
            case "!=" -> !m.value().isEmpty();
            case "=~" -> io.promdeck.app.alertmanager.GoRegex.compile(m.value(), true).matcher("").matches();
            default -> !io.promdeck.app.alertmanager.GoRegex.compile(m.value(), true).matcher("").matches();
        };
    }

    static List<String> labelList(TokenCursor tokens) throws PromQlException {
        tokens.expect("(");
        List<String> labels = new ArrayList<>();
        while (!tokens.peek().is(Kind.OP, ")")) {
            Token label = tokens.next();
            if ((label.kind() != Kind.IDENT || !LABEL_NAME.matcher(label.text()).matches()) && label.kind() != Kind.STRING) {
                throw new PromQlException("unexpected " + label.describe() + " in grouping opts, expected label", label.start());
            }
            labels.add(label.kind() == Kind.STRING ? label.value() : label.text());
            if (tokens.peek().is(Kind.OP, ",")) {
                tokens.next();
            } else if (!tokens.peek().is(Kind.OP, ")")) {
                throw new PromQlException("unexpected " + tokens.peek().describe() + " in grouping opts, expected \",\" or \")\"", tokens.peek().start());
            }
        }
        tokens.next();
        return labels;
    }
}
