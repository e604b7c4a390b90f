package io.promdeck.app.promql;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** PromQL's aggregation operators and functions, with each function's number of arguments. */
final class PromQlFunctions {

    static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk",
            "count_values", "quantile", "limitk", "limit_ratio");
    static final Set<String> PARAMETERISED = Set.of("topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio");
    /** Function name → arguments {min, max}; max -1 for variadic. */
    static final Map<String, int[]> ARITY = arity();

    private PromQlFunctions() {
    }

    private static Map<String, int[]> arity() {
        Map<String, int[]> f = new java.util.HashMap<>();
        for (String one : List.of("abs", "absent", "absent_over_time", "ceil", "changes", "delta", "deriv", "exp", "floor", "idelta", "increase",
                "irate", "ln", "log10", "log2", "rate", "resets", "scalar", "sgn", "sort", "sort_desc", "sqrt", "timestamp", "vector",
                "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "stddev_over_time", "stdvar_over_time",
                "last_over_time", "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin",
                "sinh", "tan", "tanh", "deg", "rad", "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev",
                "histogram_stdvar")) {
            f.put(one, new int[] {1, 1});
        }
        for (String optional : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
            f.put(optional, new int[] {0, 1});
        }
        f.put("time", new int[] {0, 0});
        f.put("pi", new int[] {0, 0});
        f.put("round", new int[] {1, 2});
        f.put("clamp", new int[] {3, 3});
        f.put("clamp_max", new int[] {2, 2});
        f.put("clamp_min", new int[] {2, 2});
        f.put("histogram_quantile", new int[] {2, 2});
        f.put("histogram_fraction", new int[] {3, 3});
        f.put("holt_winters", new int[] {3, 3});
        f.put("double_exponential_smoothing", new int[] {3, 3});
        f.put("predict_linear", new int[] {2, 2});
        f.put("quantile_over_time", new int[] {2, 2});
        f.put("label_replace", new int[] {5, 5});
        f.put("label_join", new int[] {3, -1});
        f.put("sort_by_label", new int[] {1, -1});
        f.put("sort_by_label_desc", new int[] {1, -1});
        f.put("info", new int[] {1, 2});
        return Map.copyOf(f);
    }
}
