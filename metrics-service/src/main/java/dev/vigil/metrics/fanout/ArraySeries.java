package dev.vigil.metrics.fanout;

import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;

/**
 * A series received from another instance: its samples, decoded once, in ascending time; the
 * first {@code rollupSamples} of them are rollups, as the owning instance's store said.
 */
record ArraySeries(Labels labels, long[] timestamps, double[] values, int rollupSamples) implements Series {
    @Override
    public SampleCursor cursor() {
        return new SampleCursor() {
            private int i = -1;

            @Override
            public boolean next() {
                if (i < timestamps.length) {
                    i++;
                }
                return i < timestamps.length;
            }

            @Override
            public long timestamp() {
                return timestamps[i];
            }

            @Override
            public double value() {
                return values[i];
            }
        };
    }
}
