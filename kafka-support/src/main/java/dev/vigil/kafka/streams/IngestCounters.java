package dev.vigil.kafka.streams;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest outcomes across all partitions of this instance, for /q/metrics: how many appends ended
 * in each of the store's results, and how many records went to the dead-letter topic.
 *
 * @param <R> the store's append results
 */
public final class IngestCounters<R extends Enum<R>> {
    private final R[] results;
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<R, AtomicLong> byResult;

    public IngestCounters(Class<R> type) {
        results = type.getEnumConstants();
        byResult = new EnumMap<>(type);
        for (R r : results) {
            byResult.put(r, new AtomicLong());
        }
    }

    public void count(R result) {
        byResult.get(result).incrementAndGet();
    }

    /** Adds counts a writer gathered by {@link Enum#ordinal()}, one update per record rather than per append, and clears them. */
    public void addAndClear(long[] byOrdinal) {
        for (R r : results) {
            if (byOrdinal[r.ordinal()] != 0) {
                byResult.get(r).addAndGet(byOrdinal[r.ordinal()]);
                byOrdinal[r.ordinal()] = 0;
            }
        }
    }

    public void deadLetter() {
        deadLetters.incrementAndGet();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long total(R result) {
        return byResult.get(result).get();
    }
}
