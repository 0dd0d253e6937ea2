package dev.vigil.logql;

/**
 * Limits of the engine, with Loki's defaults: {@code maxSeries} series in a metric result
 * ({@code max_query_series}), {@code maxPointsPerSeries} steps in a range query (Loki refuses more
 * than 11,000), {@code maxEntriesLimit} entries a log query may ask for
 * ({@code max_entries_limit_per_query}).
 */
public record LogqlOptions(int maxSeries, int maxPointsPerSeries, int maxEntriesLimit) {
    public static final LogqlOptions DEFAULTS = new LogqlOptions(500, 11_000, 5_000);

    public LogqlOptions {
        if (maxSeries <= 0 || maxPointsPerSeries <= 0 || maxEntriesLimit <= 0) {
            throw new IllegalArgumentException("LogQL limits must be positive");
        }
    }
}
