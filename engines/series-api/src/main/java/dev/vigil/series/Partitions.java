package dev.vigil.series;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store spread over instances, each holding some partitions of the series: the evaluator may
 * then compute a per-series function where the series live (each instance over its own
 * partitions, at once) instead of bringing every raw sample to one place.
 */
public interface Partitions {
    /** This instance's own partitions. */
    Storage local();

    /**
     * Evaluates {@code expr} (PromQL text of a per-series function of one selector) as a range
     * query over every other instance's partitions; each resulting series holds one sample per
     * step that has a value. Completes exceptionally when an instance cannot answer; with an
     * {@link UnsupportedOperationException} when one does not evaluate for others (an older
     * version), and the caller then reads raw series instead.
     *
     * @param tenant          the tenant whose series alone the instances read (their answers then come
     *                        without the tenant label), or null for every series
     * @param lookbackDeltaMs the querying engine's lookback delta, so every instance evaluates alike
     * @param maxSamples      the query's remaining sample budget, for each instance's own reading
     * @param timeoutMs       the query's remaining time
     */
    CompletableFuture<Answer> evaluateElsewhere(String expr, String tenant, long startMs, long endMs, long stepMs, long lookbackDeltaMs,
                                                long maxSamples, long timeoutMs);

    /** What the other instances computed, and how many raw samples they read for it (the query's budget counts them). */
    record Answer(List<Series> series, long samplesLoaded) {
    }
}
