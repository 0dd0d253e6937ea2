package dev.vigil.promql.parser;

import static dev.vigil.promql.parser.ValueType.MATRIX;
import static dev.vigil.promql.parser.ValueType.SCALAR;
import static dev.vigil.promql.parser.ValueType.STRING;
import static dev.vigil.promql.parser.ValueType.VECTOR;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The signature of every PromQL function, declared as data; the parser type-checks calls against it. */
public final class Functions {
    private static final Map<String, FunctionSignature> TABLE = new TreeMap<>();

    static {
        for (String f : List.of("abs", "ceil", "exp", "floor", "ln", "log10", "log2", "sqrt", "sgn", "deg", "rad",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "absent", "sort", "sort_desc", "timestamp", "histogram_count", "histogram_sum")) {
            fn(f, List.of(VECTOR), 0, VECTOR);
        }
        for (String f : List.of("avg_over_time", "count_over_time", "max_over_time", "min_over_time",
                "sum_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
                "absent_over_time", "changes", "resets", "delta", "deriv", "idelta", "increase", "irate", "rate")) {
            fn(f, List.of(MATRIX), 0, VECTOR);
        }
        for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            fn(f, List.of(VECTOR), 1, VECTOR);
        }
        fn("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
        fn("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
        fn("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
        fn("round", List.of(VECTOR, SCALAR), 1, VECTOR);
        fn("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
        fn("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR);
        fn("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
        fn("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
        fn("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
        fn("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
        fn("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
        fn("scalar", List.of(VECTOR), 0, SCALAR);
        fn("vector", List.of(SCALAR), 0, VECTOR);
        fn("time", List.of(), 0, SCALAR);
        fn("pi", List.of(), 0, SCALAR);
    }

    private Functions() {
    }

    private static void fn(String name, List<ValueType> args, int variadic, ValueType ret) {
        TABLE.put(name, new FunctionSignature(name, args, variadic, ret));
    }

    public static Optional<FunctionSignature> byName(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** Every function name, sorted. */
    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }
}
