package dev.vigil.logs.streams;

import dev.vigil.logstore.AppendResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Ingest outcomes across all partitions of this instance, exported on /q/metrics. */
public final class LogIngestCounters {
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<AppendResult, AtomicLong> byResult = new EnumMap<>(AppendResult.class);

    public LogIngestCounters() {
        for (AppendResult r : AppendResult.values()) {
            byResult.put(r, new AtomicLong());
        }
    }

    void count(AppendResult r) {
        byResult.get(r).incrementAndGet();
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
