package dev.vigil.alert.query;

import dev.vigil.alert.rules.ExpressionParser;
import dev.vigil.alert.rules.QueryException;
import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.logql.parser.Parser;
import dev.vigil.model.tenant.Tenants;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each rule expression to the API that understands it: PromQL to the Prometheus-compatible
 * query API, LogQL (as Loki's ruler evaluates it) to the Loki-compatible one.
 */
public final class RuleQueries implements QueryFunction {
    /** Accepts an expression that is valid PromQL or valid LogQL. */
    public static final ExpressionParser PROMQL_OR_LOGQL = expr -> {
        try {
            ExpressionParser.PROMQL.check(expr);
        } catch (IllegalArgumentException promqlError) {
            try {
                Parser.parse(expr);
            } catch (RuntimeException logqlError) {
                throw promqlError;
            }
        }
    };

    /** Accepts LogQL only, as Loki's ruler reads its rule files. */
    public static final ExpressionParser LOGQL = expr -> {
        try {
            Parser.parse(expr);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    };

    private final QueryClient prometheus;
    private final QueryClient loki;
    private final Map<String, Boolean> isLogql = new ConcurrentHashMap<>();

    public RuleQueries(QueryClient prometheus, QueryClient loki) {
        this.prometheus = prometheus;
        this.loki = loki;
    }

    @Override
    public List<VectorSample> query(String expr, Instant time) throws QueryException {
        return query(expr, time, Tenants.DEFAULT);
    }

    /** As {@link #query(String, Instant)}, over {@code tenant}'s data. */
    public List<VectorSample> query(String expr, Instant time, String tenant) throws QueryException {
        QueryClient target = isLogql.computeIfAbsent(expr, RuleQueries::logqlOnly) ? loki : prometheus;
        try {
            return target.query(expr, time, tenant);
        } catch (QueryClient.QueryException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** {@code expr} as LogQL against the logs API, whatever else it would parse as (a Loki rule file's rule). */
    public List<VectorSample> queryLogs(String expr, Instant time, String tenant) throws QueryException {
        try {
            return loki.query(expr, time, tenant);
        } catch (QueryClient.QueryException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    static boolean logqlOnly(String expr) {
        try {
            ExpressionParser.PROMQL.check(expr);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
