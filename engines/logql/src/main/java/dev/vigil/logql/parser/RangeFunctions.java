package dev.vigil.logql.parser;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * LogQL's range functions declared as data, as Loki's parser checks them: whether each reads
 * unwrapped values, counts lines or bytes, or may do either ({@code rate}, {@code absent_over_time});
 * whether it takes a leading parameter; whether a {@code by}/{@code without} grouping may follow.
 */
public final class RangeFunctions {
    /** How a range function relates to {@code | unwrap}. */
    public enum Unwrap {
        /** Over unwrapped sample values only. */
        REQUIRED,
        /** Over the log lines themselves (their count or bytes); unwrap is an error. */
        FORBIDDEN,
        /** Either: over lines without unwrap, over values with it. */
        OPTIONAL
    }

    /** One range function's signature. */
    public record Signature(String name, Unwrap unwrap, boolean parameter, boolean grouping) {
    }

    private static final Map<String, Signature> BY_NAME = Stream.of(
            new Signature("rate", Unwrap.OPTIONAL, false, false),
            new Signature("absent_over_time", Unwrap.OPTIONAL, false, false),
            new Signature("count_over_time", Unwrap.FORBIDDEN, false, false),
            new Signature("bytes_rate", Unwrap.FORBIDDEN, false, false),
            new Signature("bytes_over_time", Unwrap.FORBIDDEN, false, false),
            new Signature("rate_counter", Unwrap.REQUIRED, false, false),
            new Signature("sum_over_time", Unwrap.REQUIRED, false, false),
            new Signature("avg_over_time", Unwrap.REQUIRED, false, true),
            new Signature("min_over_time", Unwrap.REQUIRED, false, true),
            new Signature("max_over_time", Unwrap.REQUIRED, false, true),
            new Signature("first_over_time", Unwrap.REQUIRED, false, true),
            new Signature("last_over_time", Unwrap.REQUIRED, false, true),
            new Signature("stddev_over_time", Unwrap.REQUIRED, false, true),
            new Signature("stdvar_over_time", Unwrap.REQUIRED, false, true),
            new Signature("quantile_over_time", Unwrap.REQUIRED, true, true))
            .collect(Collectors.toUnmodifiableMap(Signature::name, Function.identity()));

    private RangeFunctions() {
    }

    public static Optional<Signature> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static boolean contains(String name) {
        return BY_NAME.containsKey(name);
    }
}
