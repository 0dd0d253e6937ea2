package dev.vigil.promql.storage;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.SeriesView;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import dev.vigil.series.Partitions;

/**
 * One tenant's view of a store: every read is narrowed to the tenant's series by the
 * {@code __tenant__} matcher, and answers come without that label (so PromQL sees, groups and
 * returns series exactly as the tenant wrote them). Removing a label all results share keeps
 * them sorted.
 */
public final class TenantStorage implements Storage {
    private final Storage all;
    private final String tenant;

    public TenantStorage(Storage all, String tenant) {
        this.all = all;
        this.tenant = tenant;
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return stripped(all.select(mint, maxt, Tenants.scope(matchers, tenant)));
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        return stripped(all.select(mint, maxt, Tenants.scope(matchers, tenant), hints));
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        List<String> names = new ArrayList<>(all.labelNames(mint, maxt, Tenants.scope(matchers, tenant)));
        names.remove(Tenants.LABEL);
        return names;
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        if (name.equals(Tenants.LABEL)) {
            return List.of();
        }
        return all.labelValues(name, mint, maxt, Tenants.scope(matchers, tenant));
    }

    /**
     * The inner store's partitions, narrowed to this tenant on every instance (which answer without
     * the tenant label).
     */
    @Override
    public Optional<Partitions> partitioning() {
        return all.partitioning().map(p -> new Partitions() {
            @Override
            public Storage local() {
                return new TenantStorage(p.local(), tenant);
            }

            @Override
            public CompletableFuture<Answer> evaluateElsewhere(String expr, String unused, long startMs, long endMs, long stepMs,
                                                               long lookbackDeltaMs, long maxSamples, long timeoutMs) {
                return p.evaluateElsewhere(expr, tenant, startMs, endMs, stepMs, lookbackDeltaMs, maxSamples, timeoutMs);
            }
        });
    }

    private static List<Series> stripped(List<Series> found) {
        List<Series> out = new ArrayList<>(found.size());
        for (Series s : found) {
            Labels own = Tenants.strip(s.labels());
            out.add(own == s.labels() ? s : SeriesView.relabelled(s, own));
        }
        return out;
    }
}
