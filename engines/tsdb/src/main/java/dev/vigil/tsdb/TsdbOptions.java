package dev.vigil.tsdb;

import java.time.Duration;

/**
 * Settings of a {@link Tsdb}. {@link #DEFAULTS} suits node-exporter-like scrapes; the {@code with}
 * methods return modified copies.
 *
 * @param retention          data older than now minus this is dropped by {@link Tsdb#enforceRetention}
 * @param outOfOrderWindow   how far behind a series' newest sample an append may land
 * @param downsampleAge      raw data older than now minus this is replaced by 5-minute rollups
 *                           by {@link Tsdb#downsample}
 * @param chunkTargetSamples a head chunk is closed when it holds this many samples
 * @param chunkMaxSpan       ... or when a sample would make it span longer than this
 * @param maxSeriesPerMetric appends that would create more series under one metric name are rejected
 * @param segmentTargetBytes a new segment file is started once the current one is this large
 */
public record TsdbOptions(Duration retention, Duration outOfOrderWindow, Duration downsampleAge,
                          int chunkTargetSamples, Duration chunkMaxSpan, int maxSeriesPerMetric,
                          long segmentTargetBytes) {

    public static final TsdbOptions DEFAULTS = new TsdbOptions(Duration.ofDays(15), Duration.ofMinutes(10),
            Duration.ofHours(48), 120, Duration.ofHours(2), 100_000, 64L << 20);

    public TsdbOptions {
        requirePositive("retention", retention);
        requirePositive("downsampleAge", downsampleAge);
        requirePositive("chunkMaxSpan", chunkMaxSpan);
        if (outOfOrderWindow == null || outOfOrderWindow.isNegative()) {
            throw new IllegalArgumentException("outOfOrderWindow must be zero or positive, got " + outOfOrderWindow);
        }
        if (chunkTargetSamples < 1 || chunkTargetSamples > 65_535) {
            throw new IllegalArgumentException("chunkTargetSamples must be 1..65535, got " + chunkTargetSamples);
        }
        if (maxSeriesPerMetric < 1) {
            throw new IllegalArgumentException("maxSeriesPerMetric must be at least 1, got " + maxSeriesPerMetric);
        }
        if (segmentTargetBytes < 1024) {
            throw new IllegalArgumentException("segmentTargetBytes must be at least 1024, got " + segmentTargetBytes);
        }
    }

    public TsdbOptions withRetention(Duration d) {
        return new TsdbOptions(d, outOfOrderWindow, downsampleAge, chunkTargetSamples, chunkMaxSpan, maxSeriesPerMetric, segmentTargetBytes);
    }

    public TsdbOptions withOutOfOrderWindow(Duration d) {
        return new TsdbOptions(retention, d, downsampleAge, chunkTargetSamples, chunkMaxSpan, maxSeriesPerMetric, segmentTargetBytes);
    }

    public TsdbOptions withDownsampleAge(Duration d) {
        return new TsdbOptions(retention, outOfOrderWindow, d, chunkTargetSamples, chunkMaxSpan, maxSeriesPerMetric, segmentTargetBytes);
    }

    public TsdbOptions withChunkTargetSamples(int n) {
        return new TsdbOptions(retention, outOfOrderWindow, downsampleAge, n, chunkMaxSpan, maxSeriesPerMetric, segmentTargetBytes);
    }

    public TsdbOptions withChunkMaxSpan(Duration d) {
        return new TsdbOptions(retention, outOfOrderWindow, downsampleAge, chunkTargetSamples, d, maxSeriesPerMetric, segmentTargetBytes);
    }

    public TsdbOptions withMaxSeriesPerMetric(int n) {
        return new TsdbOptions(retention, outOfOrderWindow, downsampleAge, chunkTargetSamples, chunkMaxSpan, n, segmentTargetBytes);
    }

    public TsdbOptions withSegmentTargetBytes(long n) {
        return new TsdbOptions(retention, outOfOrderWindow, downsampleAge, chunkTargetSamples, chunkMaxSpan, maxSeriesPerMetric, n);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
