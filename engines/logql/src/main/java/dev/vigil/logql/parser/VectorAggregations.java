package dev.vigil.logql.parser;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * LogQL's vector aggregations declared as data: whether each takes a leading parameter
 * ({@code topk(3, ...)}, a positive integer) and whether a {@code by}/{@code without} grouping is
 * allowed, as Loki's parser checks them.
 */
public final class VectorAggregations {
    /** One aggregation's signature. */
    public record Signature(String name, boolean parameter, boolean grouping) {
    }

    private static final Map<String, Signature> BY_NAME = Stream.of(
            new Signature("sum", false, true),
            new Signature("avg", false, true),
            new Signature("min", false, true),
            new Signature("max", false, true),
            new Signature("count", false, true),
            new Signature("stddev", false, true),
            new Signature("stdvar", false, true),
            new Signature("topk", true, true),
            new Signature("bottomk", true, true),
            new Signature("sort", false, false),
            new Signature("sort_desc", false, false))
            .collect(Collectors.toUnmodifiableMap(Signature::name, Function.identity()));

    private VectorAggregations() {
    }

    public static Optional<Signature> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static boolean contains(String name) {
        return BY_NAME.containsKey(name);
    }
}
