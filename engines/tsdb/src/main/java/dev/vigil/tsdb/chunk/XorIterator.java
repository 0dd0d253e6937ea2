package dev.vigil.tsdb.chunk;

import dev.vigil.series.SampleCursor;

/** Decodes an {@link XorChunk} one sample at a time. */
public final class XorIterator implements SampleCursor {
    private final BitReader reader;
    private final DeltaOfDelta.Decoder times = new DeltaOfDelta.Decoder();
    private final XorValues.Decoder values = new XorValues.Decoder();
    private final int count;
    private int read;
    private long t;
    private double v;

    XorIterator(byte[] bytes, int count) {
        this.reader = new BitReader(bytes, XorChunk.HEADER_BYTES);
        this.count = count;
    }

    @Override
    public boolean next() {
        if (read >= count) {
            return false;
        }
        t = times.read(reader);
        v = values.read(reader);
        read++;
        return true;
    }

    @Override
    public long timestamp() {
        return t;
    }

    @Override
    public double value() {
        return v;
    }

    int read() {
        return read;
    }

    BitReader reader() {
        return reader;
    }

    DeltaOfDelta.Decoder times() {
        return times;
    }

    XorValues.Decoder values() {
        return values;
    }
}
