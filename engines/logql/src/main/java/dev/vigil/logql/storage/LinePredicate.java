package dev.vigil.logql.storage;

/**
 * A line filter the engine pushes down to the store: the leading {@code |=}, {@code !=},
 * {@code |~}, {@code !~} filters of a query, which only look at the raw line. A store may apply it
 * while it scans (before decoding anything else) or ignore it: the engine applies its whole
 * pipeline again either way, so the predicate is a hint that saves work, never a contract.
 */
@FunctionalInterface
public interface LinePredicate {
    /** Accepts every line. */
    LinePredicate ALL = line -> true;

    /** True when the line may pass the query's leading line filters. */
    boolean test(String line);
}
