package dev.vigil.tsdb.read;

import dev.vigil.series.SampleCursor;

/** A cursor over parallel arrays of timestamps and values, already sorted. */
public final class ArrayCursor implements SampleCursor {
    private final long[] ts;
    private final double[] vs;
    private int i = -1;

    public ArrayCursor(long[] ts, double[] vs) {
        this.ts = ts;
        this.vs = vs;
    }

    @Override
    public boolean next() {
        if (i + 1 >= ts.length) {
            i = ts.length;
            return false;
        }
        i++;
        return true;
    }

    @Override
    public long timestamp() {
        return ts[i];
    }

    @Override
    public double value() {
        return vs[i];
    }
}
