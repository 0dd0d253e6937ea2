package dev.vigil.alert.rules;

import java.time.Instant;
import java.util.List;

/**
 * Runs an instant query for rule evaluation: PromQL against a Prometheus-compatible API, or
 * LogQL against a Loki-compatible one. Throw {@link QueryException} when the query fails; the
 * rule then reports the error and keeps its alert state.
 */
@FunctionalInterface
public interface QueryFunction {
    List<VectorSample> query(String expr, Instant time) throws QueryException;
}
