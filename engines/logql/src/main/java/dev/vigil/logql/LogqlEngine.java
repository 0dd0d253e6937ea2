package dev.vigil.logql;

import dev.vigil.logql.eval.LogQueryEvaluator;
import dev.vigil.logql.eval.MetricEvaluator;
import dev.vigil.logql.parser.Expr;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.parser.SampleExpr;
import dev.vigil.logql.storage.BudgetedSource;
import dev.vigil.logql.storage.LogSource;

/**
 * The LogQL engine: parses queries and evaluates them over a {@link LogSource}, answering as Loki
 * does. Thread-safe and stateless between calls. Every problem the user caused (bad syntax, a
 * pipeline error in a metric query, a limit exceeded) is a {@link LogqlException}, which the HTTP
 * layer reports as 400 Bad Request.
 *
 * <pre>{@code
 * LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);
 * LogResult logs = engine.query(source, "{app=\"api\"} |= \"error\"", start, end, Direction.BACKWARD, 100);
 * MetricResult m = engine.range(source, "sum by (level) (rate({app=\"api\"} | logfmt [5m]))", start, end, step);
 * }</pre>
 * All times are Unix nanoseconds.
 */
public final class LogqlEngine {
    private final LogqlOptions options;

    public LogqlEngine(LogqlOptions options) {
        this.options = options;
    }

    /** Parses and type-checks a query: a {@link LogSelectorExpr} (log query) or a {@link SampleExpr} (metric query). */
    public Expr parse(String query) {
        return Parser.parse(query);
    }

    /** Whether {@code query} is a log query (returns streams) or a metric query (returns numbers). */
    public QueryKind kind(String query) {
        return parse(query) instanceof LogSelectorExpr ? QueryKind.LOG : QueryKind.METRIC;
    }

    /**
     * Runs a log query over [startNanos, endNanos): at most {@code limit} entries over all streams,
     * the oldest first for {@link Direction#FORWARD}, the newest first for {@link Direction#BACKWARD}.
     * A metric query is refused: use {@link #range} for those.
     */
    public LogResult query(LogSource source, String query, long startNanos, long endNanos, Direction direction, int limit) {
        Expr e = parse(query);
        if (!(e instanceof LogSelectorExpr sel)) {
            throw new LogqlException("a metric query returns numbers, not log lines: evaluate it with range or instant");
        }
        return query(source, sel, startNanos, endNanos, direction, limit);
    }

    /** {@link #query(LogSource, String, long, long, Direction, int)} for a query parsed once and run often. */
    public LogResult query(LogSource source, LogSelectorExpr query, long startNanos, long endNanos, Direction direction, int limit) {
        if (limit <= 0) {
            throw new LogqlException("limit must be a positive value");
        }
        if (limit > options.maxEntriesLimit()) {
            throw new LogqlException("max entries limit per query exceeded, limit > max_entries_limit_per_query ("
                    + limit + " > " + options.maxEntriesLimit() + ")");
        }
        if (endNanos < startNanos) {
            throw new LogqlException("end timestamp must not be before start time");
        }
        return LogQueryEvaluator.evaluate(budgeted(source), query, startNanos, endNanos, direction, limit);
    }

    /** Evaluates a metric query at one time: a {@link MetricResult.Vector} or a {@link MetricResult.Scalar}. */
    public MetricResult instant(LogSource source, String query, long tNanos) {
        return instant(source, metric(query), tNanos);
    }

    /** {@link #instant(LogSource, String, long)} for a query parsed once and run often (alert rules). */
    public MetricResult instant(LogSource source, SampleExpr query, long tNanos) {
        return new MetricEvaluator(budgeted(source), options).instant(query, tNanos);
    }

    /**
     * Evaluates a metric query at {@code startNanos + k*stepNanos} for every k whose time is at most
     * {@code endNanos}, as Loki aligns range queries: a {@link MetricResult.Matrix}.
     */
    public MetricResult range(LogSource source, String query, long startNanos, long endNanos, long stepNanos) {
        return range(source, metric(query), startNanos, endNanos, stepNanos);
    }

    /** {@link #range(LogSource, String, long, long, long)} for a query parsed once. */
    public MetricResult range(LogSource source, SampleExpr query, long startNanos, long endNanos, long stepNanos) {
        return new MetricEvaluator(budgeted(source), options).range(query, startNanos, endNanos, stepNanos);
    }

    /** Each evaluation reads through its own budget of time and bytes. */
    private LogSource budgeted(LogSource source) {
        return new BudgetedSource(source, options.timeout().toNanos(), options.maxBytesScanned(), System::nanoTime);
    }

    private SampleExpr metric(String query) {
        Expr e = parse(query);
        if (!(e instanceof SampleExpr s)) {
            throw new LogqlException("log queries are not supported as an instant query type, please change your"
                    + " query to a range query type");
        }
        return s;
    }
}
