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
    private long samples;
    private int checks;

    EvalContext(Storage storage, EngineOptions options, long queryStart, long queryEnd, LongSupplier nanoClock) {
        this(storage, options, queryStart, queryEnd, nanoClock, nanoClock.getAsLong() + options.timeout().toNanos());
    }

    private EvalContext(Storage storage, EngineOptions options, long queryStart, long queryEnd, LongSupplier nanoClock, long deadlineNanos) {
        this.storage = storage;
        this.options = options;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.nanoClock = nanoClock;
        this.deadlineNanos = deadlineNanos;
    }

    /** The same query (times, deadline) over another store; its samples are counted here by the caller. */
    EvalContext over(Storage other) {
        return new EvalContext(other, options, queryStart, queryEnd, nanoClock, deadlineNanos);
    }

    /** Counts samples a selector brought into memory against {@link EngineOptions#maxSamples()}. */
    void addSamples(long n) {
        samples += n;
        if (samples > options.maxSamples()) {
            throw new TooManySamplesException();
        }
    }

    long samplesLoaded() {
        return samples;
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
