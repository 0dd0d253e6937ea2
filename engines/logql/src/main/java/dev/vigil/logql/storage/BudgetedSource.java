package dev.vigil.logql.storage;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.Direction;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link LogSource} that holds one query to its budget: it fails the query once its time is up
 * (checked as entries are read, so a long scan stops between lines) or once it has read more line
 * bytes than allowed: the bytes of the lines the source hands over, after the line filters it
 * applies itself. One per query evaluation; not thread-safe.
 */
public final class BudgetedSource implements LogSource {
    private static final int CHECK_EVERY = 256;

    private final LogSource source;
    private final long deadlineNanos;
    private final long maxBytes;
    private final LongSupplier clock;
    private long bytes;
    private int reads;

    /** {@code maxBytes} 0 for no limit on bytes read. */
    public BudgetedSource(LogSource source, long timeoutNanos, long maxBytes, LongSupplier clock) {
        this.source = source;
        this.clock = clock;
        this.deadlineNanos = clock.getAsLong() + timeoutNanos;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<Labels> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        checkTime();
        return source.streams(matchers, fromNanos, toNanos);
    }

    @Override
    public EntryIterator entries(Labels stream, long fromNanos, long toNanos, Direction direction, LinePredicate filter) {
        checkTime();
        EntryIterator in = source.entries(stream, fromNanos, toNanos, direction, filter);
        return new EntryIterator() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public LogEntry next() {
                LogEntry e = in.next();
                if (++reads % CHECK_EVERY == 0) {
                    checkTime();
                }
                bytes += e.line().length();
                if (maxBytes > 0 && bytes > maxBytes) {
                    throw new QueryLimitException("the query would read more than " + maxBytes
                            + " bytes of log lines (vigil.logs.query.max-bytes-scanned); narrow its time range or selector", false);
                }
                return e;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private void checkTime() {
        if (clock.getAsLong() > deadlineNanos) {
            throw new QueryLimitException("query timed out (vigil.logs.query.timeout)", true);
        }
    }

    /** The query ran out of time ({@link #timedOut()}) or of bytes to read. */
    public static final class QueryLimitException extends LogqlException {
        private final boolean timedOut;

        public QueryLimitException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }
}
