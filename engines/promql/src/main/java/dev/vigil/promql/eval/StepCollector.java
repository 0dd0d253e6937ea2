package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers per-step outputs into series keyed by label set, in first-seen order. Two outputs with
 * the same labels at the same step are an error, as in Prometheus.
 */
final class StepCollector {
    static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private final int steps;
    private final Map<Labels, StepSeries> series = new LinkedHashMap<>();

    StepCollector(int steps) {
        this.steps = steps;
    }

    void add(Labels labels, int k, double value) {
        add(seriesFor(labels), k, value);
    }

    /** The output series for a label set, so a caller adding many steps of one series looks it up once. */
    StepSeries seriesFor(Labels labels) {
        return series.computeIfAbsent(labels, l -> new StepSeries(l, steps));
    }

    static void add(StepSeries s, int k, double value) {
        if (s.has[k]) {
            throw new QueryExecutionException(DUPLICATE);
        }
        s.set(k, value);
    }

    /**
     * Puts the series in label order, the order a store's select gives: after series from other
     * instances were added at the end, so that order-sensitive steps (topk ties) see what one
     * store would have given them.
     */
    void sortByLabels() {
        List<StepSeries> sorted = new ArrayList<>(series.values());
        sorted.sort((a, b) -> a.labels.compareTo(b.labels));
        series.clear();
        sorted.forEach(s -> series.put(s.labels, s));
    }

    EvalValue.VectorSteps result() {
        return new EvalValue.VectorSteps(new ArrayList<>(series.values()));
    }

    List<StepSeries> list() {
        return new ArrayList<>(series.values());
    }
}
