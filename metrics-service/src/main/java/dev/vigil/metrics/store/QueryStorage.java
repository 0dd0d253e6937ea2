package dev.vigil.metrics.store;

import dev.vigil.model.LabelMatcher;
import dev.vigil.promql.storage.SelectHints;
import dev.vigil.promql.storage.Series;
import dev.vigil.promql.storage.Storage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * What queries read: every series of the cluster. Today that is the partitions this instance
 * owns; with several instances, the union of all instances' partitions.
 */
@ApplicationScoped
public class QueryStorage implements Storage {
    private final LocalTsdbs local;

    public QueryStorage(LocalTsdbs local) {
        this.local = local;
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return local.select(mint, maxt, matchers);
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        return local.select(mint, maxt, matchers, hints);
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        return local.labelNames(mint, maxt, matchers);
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        return local.labelValues(name, mint, maxt, matchers);
    }
}
