package io.promdeck.app.promql;

import java.util.List;

/**
 * A PromQL expression as a tree, normalised so that two spellings of one query are equal: parentheses dropped, a
 * metric name written as {@code __name__} matcher moved to the name, matchers and grouping labels sorted, numbers and
 * durations as values. Prometheus re-prints rule expressions in its own format; comparing trees tells whether the
 * rule it loaded is the one written.
 */
public sealed interface Expr {

    record NumberLiteral(double value) implements Expr {
        @Override
        public boolean equals(Object o) {
            return o instanceof NumberLiteral n && (Double.compare(n.value, value) == 0 || n.value == value);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value == 0 ? 0 : value);
        }
    }

    record StringLiteral(String value) implements Expr {
    }

    /** {@code name{matchers} offset o @ at}; {@code name} "" when only matchers select. */
    record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMillis, String at) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }
    }

    /** {@code selector[range]}. */
    record MatrixSelector(Expr selector, long rangeMillis) implements Expr {
    }

    /** {@code expr[range:step] offset o @ at}; step 0 when left to the default. */
    record Subquery(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, String at) implements Expr {
    }

    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code op [by|without (labels)] ([param,] expr)}. */
    record Aggregate(String op, Expr param, Expr expr, List<String> grouping, boolean without) implements Expr {
        public Aggregate {
            grouping = List.copyOf(grouping);
        }
    }

    record Unary(String op, Expr expr) implements Expr {
    }

    /**
     * @param matching how vectors are matched: null for the default (all labels), else on/ignoring a list, with the
     *                 group_left/group_right cardinality and its extra labels
     */
    record Binary(String op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) implements Expr {
    }

    record VectorMatching(boolean on, List<String> labels, String cardinality, List<String> include) {
        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }
    }

    /** {@code name op "value"}, op one of = != =~ !~. */
    record LabelMatcher(String name, String op, String value) {
    }
}
