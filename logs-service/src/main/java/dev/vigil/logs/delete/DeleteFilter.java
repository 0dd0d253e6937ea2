package dev.vigil.logs.delete;

import dev.vigil.logql.parser.Expr;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.LogqlException;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.pipeline.LabelsBuilder;
import dev.vigil.logql.pipeline.LogLine;
import dev.vigil.logql.pipeline.Pipeline;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.List;

/**
 * A deletion request compiled for the query path: which streams it selects, and whether one of
 * their entries is deleted (in its time range, and kept by its line filters).
 */
public final class DeleteFilter {
    private final List<LabelMatcher> matchers;
    private final Pipeline pipeline;
    private final long fromNanos;
    private final long toNanos;

    private DeleteFilter(List<LabelMatcher> matchers, Pipeline pipeline, long fromNanos, long toNanos) {
        this.matchers = matchers;
        this.pipeline = pipeline;
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
    }

    /**
     * The selector of a deletion query: a stream selector with optional line filters (and the
     * rest of a log pipeline), as Loki takes it; a metric query is refused.
     *
     * @throws IllegalArgumentException with the reason when {@code query} is not a log query
     */
    public static LogSelectorExpr parse(String query) {
        Expr e;
        try {
            e = Parser.parse(query);
        } catch (LogqlException ex) {
            throw new IllegalArgumentException("invalid query expression: " + ex.getMessage(), ex);
        }
        if (!(e instanceof LogSelectorExpr selector)) {
            throw new IllegalArgumentException("invalid query expression: a deletion query selects log lines, not samples: " + query);
        }
        return selector;
    }

    /** @throws IllegalArgumentException when the request's query is not a log query this engine compiles */
    static DeleteFilter of(DeleteRequest r) {
        LogSelectorExpr selector = parse(r.query());
        Pipeline pipeline;
        try {
            pipeline = Pipeline.compile(selector.stages());
        } catch (LogqlException e) {
            throw new IllegalArgumentException("invalid query expression: " + e.getMessage(), e);
        }
        // Loki deletes entries with start <= t <= end, both at millisecond precision
        return new DeleteFilter(selector.matchers(), pipeline, r.startMs() * 1_000_000L, r.endMs() * 1_000_000L);
    }

    /** Whether this request can delete anything of {@code stream} between the two times. */
    boolean concerns(Labels stream, long fromNanos, long toNanos) {
        return fromNanos <= this.toNanos && toNanos > this.fromNanos && LabelMatcher.matchAll(matchers, stream);
    }

    /** Whether {@code entry} of {@code stream} is deleted. */
    boolean deletes(Labels stream, LogEntry entry) {
        long t = entry.timestampNanos();
        return t >= fromNanos && t <= toNanos
                && pipeline.process(new LogLine(t, entry.line(), new LabelsBuilder(stream, entry.structuredMetadata())));
    }
}
