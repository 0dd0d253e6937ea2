package dev.vigil.metrics.streams;

import dev.vigil.tsdb.AppendResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Ingest outcomes across all partitions of this instance, exported on /q/metrics. */
public final class IngestCounters {
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<AppendResult, AtomicLong> byResult = new EnumMap<>(AppendResult.class);

    public IngestCounters() {
        for (AppendResult r : AppendResult.values()) {
            byResult.put(r, new AtomicLong());
        }
    }

    /** Adds counts gathered by a writer, indexed by {@link AppendResult#ordinal()}, and clears them. */
    void addAndClear(long[] byOrdinal) {
        for (AppendResult r : AppendResult.values()) {
            if (byOrdinal[r.ordinal()] != 0) {
                byResult.get(r).addAndGet(byOrdinal[r.ordinal()]);
                byOrdinal[r.ordinal()] = 0;
            }
        }
    }

    void deadLetter() {
        deadLetters.incrementAndGet();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long total(AppendResult r) {
        return byResult.get(r).get();
    }
}
