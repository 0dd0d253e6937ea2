package dev.vigil.metrics.query;

import dev.vigil.model.LabelMatcher;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.SeriesView;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics Prometheus answers with {@code stats=all}, gathered by standing between a query
 * and its store: {@code totalQueryableSamples} counts every sample the evaluation read from the
 * store (a range query reads each stored sample once per selector, where Prometheus counts it once
 * per step that uses it), and {@code rollupSamples} how many of the selected samples were
 * five-minute rollups rather than raw samples, which shows a long-range query reading downsampled
 * data. Only a query that asks for statistics pays for the counting.
 */
public final class QueryStats implements Storage {
    private final Storage inner;
    private long samples;
    private long rollupSamples;

    public QueryStats(Storage inner) {
        this.inner = inner;
    }

    public long totalQueryableSamples() {
        return samples;
    }

    public long rollupSamples() {
        return rollupSamples;
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return counted(inner.select(mint, maxt, matchers));
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        return counted(inner.select(mint, maxt, matchers, hints));
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        return inner.labelNames(mint, maxt, matchers);
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        return inner.labelValues(name, mint, maxt, matchers);
    }

    private List<Series> counted(List<Series> found) {
        List<Series> out = new ArrayList<>(found.size());
        for (Series s : found) {
            rollupSamples += s.rollupSamples();
            out.add(new SeriesView(s.labels(), s, Counting::new));
        }
        return out;
    }

    /** A cursor that counts the samples it yields. */
    private final class Counting implements SampleCursor {
        private final SampleCursor c;

        Counting(SampleCursor c) {
            this.c = c;
        }

        @Override
        public boolean next() {
            boolean has = c.next();
            if (has) {
                samples++;
            }
            return has;
        }

        @Override
        public boolean seek(long t) {
            boolean has = c.seek(t);
            if (has) {
                samples++;
            }
            return has;
        }

        @Override
        public long timestamp() {
            return c.timestamp();
        }

        @Override
        public double value() {
            return c.value();
        }
    }
}
