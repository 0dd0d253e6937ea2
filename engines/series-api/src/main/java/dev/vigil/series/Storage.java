package dev.vigil.series;

import dev.vigil.model.LabelMatcher;

import java.util.List;

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

    /** Label names of series matching the matchers (all series when empty) in [mint, maxt], sorted. */
    List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers);

    /** Values of one label over series matching the matchers in [mint, maxt], sorted. */
    List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers);
}
