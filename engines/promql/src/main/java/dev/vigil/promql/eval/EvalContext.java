package dev.vigil.promql.eval;

import dev.vigil.promql.parser.AtModifier;
import dev.vigil.series.Storage;

import java.util.function.LongSupplier;

/** Per-query state: the store, settings, the query's own start/end (for {@code @ start()/end()}) and limits. */
final class EvalContext {
    final Storage storage;
    final EngineOptions options;
    final long queryStart;
    final long queryEnd;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    /** Shared with {@link #over} contexts: one budget for the whole query. */
    private final long[] samples;
    private int checks;

    EvalContext(Storage storage, EngineOptions options, long queryStart, long queryEnd, LongSupplier nanoClock) {
        this(storage, options, queryStart, queryEnd, nanoClock, nanoClock.getAsLong() + options.timeout().toNanos(), new long[1]);
    }

    private EvalContext(Storage storage, EngineOptions options, long queryStart, long queryEnd, LongSupplier nanoClock, long deadlineNanos,
                        long[] samples) {
        this.samples = samples;
        this.storage = storage;
        this.options = options;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.nanoClock = nanoClock;
        this.deadlineNanos = deadlineNanos;
    }

    /** The same query (times, deadline, sample budget) over another store. */
    EvalContext over(Storage other) {
        return new EvalContext(other, options, queryStart, queryEnd, nanoClock, deadlineNanos, samples);
    }

    long remainingSamples() {
        return Math.max(0, options.maxSamples() - samples[0]);
    }

    long remainingNanos() {
        return deadlineNanos - nanoClock.getAsLong();
    }

    /** Counts samples a selector brought into memory against {@link EngineOptions#maxSamples()}. */
    void addSamples(long n) {
        samples[0] += n;
        if (samples[0] > options.maxSamples()) {
            throw new TooManySamplesException();
        }
    }

    long samplesLoaded() {
        return samples[0];
    }

    /** Cheap enough to call per series; reads the clock only every 64th call. */
    void checkDeadline() {
        if ((++checks & 63) == 0 && nanoClock.getAsLong() > deadlineNanos) {
            throw new QueryTimeoutException("query execution");
        }
    }

    void checkDeadlineNow() {
        if (nanoClock.getAsLong() > deadlineNanos) {
            throw new QueryTimeoutException("query execution");
        }
    }

    long resolve(AtModifier at) {
        return switch (at.kind()) {
            case START -> queryStart;
            case END -> queryEnd;
            default -> at.timestampMs();
        };
    }
}
