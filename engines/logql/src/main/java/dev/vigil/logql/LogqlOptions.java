package dev.vigil.logql;

import java.time.Duration;

/**
 * Limits of the engine, with Loki's defaults: {@code maxSeries} series in a metric result
 * ({@code max_query_series}), {@code maxPointsPerSeries} steps in a range query (Loki refuses more
 * than 11,000), {@code maxEntriesLimit} entries a log query may ask for
 * ({@code max_entries_limit_per_query}), {@code timeout} for one evaluation ({@code query_timeout},
 * 1 minute) and {@code maxBytesScanned} line bytes one query may read ({@code max_query_bytes_read},
 * 0 for no limit).
 */
public record LogqlOptions(int maxSeries, int maxPointsPerSeries, int maxEntriesLimit, Duration timeout, long maxBytesScanned) {
    public static final LogqlOptions DEFAULTS = new LogqlOptions(500, 11_000, 5_000);

    public LogqlOptions {
        if (maxSeries <= 0 || maxPointsPerSeries <= 0 || maxEntriesLimit <= 0 || timeout.isNegative() || timeout.isZero()
                || maxBytesScanned < 0) {
            throw new IllegalArgumentException("LogQL limits must be positive");
        }
    }

    /** With Loki's default timeout (1 minute) and no limit on bytes scanned. */
    public LogqlOptions(int maxSeries, int maxPointsPerSeries, int maxEntriesLimit) {
        this(maxSeries, maxPointsPerSeries, maxEntriesLimit, Duration.ofMinutes(1), 0);
    }
}
