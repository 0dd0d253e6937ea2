package dev.vigil.tsdb.read;

import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable copy of what one series holds for a select: rollup values for the time before the
 * rollup watermark, raw chunks (and out-of-order samples) from the watermark on. Built under the
 * store's read lock and read without it, so queries never block appends while they decode.
 */
public final class SeriesSnapshot implements Series {
    private final Labels labels;
    private final List<RawPart> chain = new ArrayList<>();
    private final List<RawPart> overlapping = new ArrayList<>();
    private final long[] oooTimes;
    private final double[] oooValues;
    private final long[] rollupTimes;
    private final double[] rollupValues;
    private final long rawFrom;
    private final long rawTo;

    /**
     * @param raw raw chunks in any order; those overlapping an earlier one are merged at read time
     * @param rawFrom first raw timestamp to return (the later of mint and the rollup watermark)
     */
    public SeriesSnapshot(Labels labels, List<RawPart> raw, long[] oooTimes, double[] oooValues,
                          long[] rollupTimes, double[] rollupValues, long rawFrom, long rawTo) {
        this.labels = labels;
        List<RawPart> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparingLong(RawPart::minTime));
        long chainEnd = Long.MIN_VALUE;
        for (RawPart p : sorted) {
            if (chain.isEmpty() || p.minTime() > chainEnd) {
                chain.add(p);
                chainEnd = p.maxTime();
            } else {
                overlapping.add(p);
            }
        }
        this.oooTimes = oooTimes;
        this.oooValues = oooValues;
        this.rollupTimes = rollupTimes;
        this.rollupValues = rollupValues;
        this.rawFrom = rawFrom;
        this.rawTo = rawTo;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public SampleCursor cursor() {
        List<SampleCursor> merged = new ArrayList<>();
        List<SampleCursor> chained = new ArrayList<>(chain.size());
        for (RawPart p : chain) {
            chained.add(p.chunk().iterator());
        }
        merged.add(new ChainCursor(chained));
        for (RawPart p : overlapping) {
            merged.add(p.chunk().iterator());
        }
        if (oooTimes.length > 0) {
            merged.add(new ArrayCursor(oooTimes, oooValues));
        }
        SampleCursor raw = new RangeCursor(merged.size() == 1 ? merged.get(0) : new MergeCursor(merged), rawFrom, rawTo);
        if (rollupTimes.length == 0) {
            return raw;
        }
        return new ChainCursor(List.of(new ArrayCursor(rollupTimes, rollupValues), raw));
    }

    @Override
    public int rollupSamples() {
        return rollupTimes.length;
    }

    /** Whether the snapshot yields at least one sample. */
    public boolean hasSamples() {
        return cursor().next();
    }
}
