package dev.vigil.logs.rest;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Counts the lines and bytes one query reads, for the {@code stats} of its response. */
final class CountingLogSource implements LogSource {
    private final LogSource inner;
    private long lines;
    private long bytes;

    CountingLogSource(LogSource inner) {
        this.inner = inner;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return inner.streams(matchers, fromNanos, toNanos);
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        EntryIterator it = inner.entries(stream, fromNanos, toNanos, direction, filter);
        return new EntryIterator() {
            @Override
            public void close() {
                it.close();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public LogEntry next() {
                LogEntry e = it.next();
                lines++;
                bytes += e.line().getBytes(StandardCharsets.UTF_8).length;
                return e;
            }
        };
    }

    long lines() {
        return lines;
    }

    long bytes() {
        return bytes;
    }
}
