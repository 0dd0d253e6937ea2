package dev.vigil.tsdb.chunk;

import dev.vigil.series.SampleCursor;

/** Steps through the samples of a {@link DecimalChunk}, decoded whole when the iterator was made. */
public final class DecimalIterator implements SampleCursor {
    private final long[] ts;
    private final double[] vs;
    private int at = -1;

    DecimalIterator(long[] ts, double[] vs) {
        this.ts = ts;
        this.vs = vs;
    }

    @Override
    public boolean next() {
        if (at + 1 >= ts.length) {
            at = ts.length;
            return false;
        }
        at++;
        return true;
    }

    @Override
    public boolean seek(long t) {
        while (next()) {
            if (ts[at] >= t) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long timestamp() {
        return ts[at];
    }

    @Override
    public double value() {
        return vs[at];
    }
}
