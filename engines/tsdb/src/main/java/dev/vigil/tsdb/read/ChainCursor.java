package dev.vigil.tsdb.read;

import dev.vigil.series.SampleCursor;

import java.util.List;

/** Cursors whose time ranges do not overlap, read one after another. */
public final class ChainCursor implements SampleCursor {
    private final List<SampleCursor> parts;
    private int current;

    public ChainCursor(List<SampleCursor> parts) {
        this.parts = parts;
    }

    @Override
    public boolean next() {
        while (current < parts.size()) {
            if (parts.get(current).next()) {
                return true;
            }
            current++;
        }
        return false;
    }

    @Override
    public long timestamp() {
        return parts.get(current).timestamp();
    }

    @Override
    public double value() {
        return parts.get(current).value();
    }
}
