package dev.vigil.series;

import dev.vigil.model.Labels;

/**
 * A series whose samples are {@code [from, to)} of two parallel arrays, ascending by time. The
 * arrays are only read, so whoever builds one must not change them while it is in use.
 */
public record ArraySeries(Labels labels, long[] t, double[] v, int from, int to) implements Series {
    @Override
    public SampleCursor cursor() {
        return new SampleCursor() {
            private int i = from - 1;

            @Override
            public boolean next() {
                if (i < to) {
                    i++;
                }
                return i < to;
            }

            @Override
            public boolean seek(long ts) {
                if (i < from) {
                    i = from;
                }
                while (i < to && t[i] < ts) {
                    i++;
                }
                return i < to;
            }

            @Override
            public long timestamp() {
                return t[i];
            }

            @Override
            public double value() {
                return v[i];
            }
        };
    }
}
