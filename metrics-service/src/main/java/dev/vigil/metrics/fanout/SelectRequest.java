package dev.vigil.metrics.fanout;

import dev.vigil.model.LabelMatcher;
import dev.vigil.series.SelectHints;

import java.util.List;

/**
 * What one instance asks another: series, label names or label values of its local partitions
 * for matchers over [mint, maxt]. {@code labelName} is used by label-values requests only.
 */
public record SelectRequest(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints, String labelName) {
    public SelectRequest {
        matchers = List.copyOf(matchers);
    }
}
