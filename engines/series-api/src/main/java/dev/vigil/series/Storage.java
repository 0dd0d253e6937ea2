package dev.vigil.series;

import dev.vigil.model.LabelMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the PromQL evaluator needs from a time-series store. Implemented by the TSDB and by the
 * PromQL engine's in-memory store for tests. Times are Unix milliseconds, both ends inclusive.
 */
public interface Storage {
    /**
     * Series matching every matcher that have at least one sample in [mint, maxt], sorted by labels;
     * each series' cursor yields only samples within [mint, maxt].
     */
    List<Series> select(long mint, long maxt, List<LabelMatcher> matchers);

    /** As {@link #select(long, long, List)}, with hints a store may use to read rollups. */
    default List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        return select(mint, maxt, matchers);
    }

    /**
     * Label names of series matching the matchers (all series when empty) in [mint, maxt], sorted.
     * By default read from what {@link #select} returns; a store with an index answers from it.
     */
    default List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        for (Series s : select(mint, maxt, matchers)) {
            s.labels().forEach(l -> names.add(l.name()));
        }
        return new ArrayList<>(names);
    }

    /** How the store is spread over instances, when it is; a single store has no partitions to push work to. */
    default Optional<Partitions> partitioning() {
        return Optional.empty();
    }

    /** Values of one label over series matching the matchers in [mint, maxt], sorted; by default as {@link #labelNames}. */
    default List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> values = new TreeSet<>();
        for (Series s : select(mint, maxt, matchers)) {
            String v = s.labels().get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }
}
