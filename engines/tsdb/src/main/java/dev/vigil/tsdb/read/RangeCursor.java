package dev.vigil.tsdb.read;

import dev.vigil.series.SampleCursor;

/** Limits an ascending cursor to {@code [from, to]}, both inclusive. */
public final class RangeCursor implements SampleCursor {
    private final SampleCursor in;
    private final long from;
    private final long to;
    private boolean done;

    public RangeCursor(SampleCursor in, long from, long to) {
        this.in = in;
        this.from = from;
        this.to = to;
    }

    @Override
    public boolean next() {
        while (!done && in.next()) {
            long t = in.timestamp();
            if (t > to) {
                break;
            }
            if (t >= from) {
                return true;
            }
        }
        done = true;
        return false;
    }

    @Override
    public long timestamp() {
        return in.timestamp();
    }

    @Override
    public double value() {
        return in.value();
    }
}
