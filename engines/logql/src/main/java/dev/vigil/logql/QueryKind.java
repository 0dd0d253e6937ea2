package dev.vigil.logql;

/** Whether a query returns log lines (streams) or numbers (vector, matrix or scalar). */
public enum QueryKind {
    LOG, METRIC
}
