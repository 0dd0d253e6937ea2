package dev.vigil.tsdb.read;

import dev.vigil.series.SampleCursor;

import java.util.List;

/**
 * Merges cursors whose time ranges overlap (out-of-order chunks and buffers) into one ascending
 * stream. Appends reject a second value for a timestamp, so ties only happen between copies of
 * the same sample and are emitted once. The inputs are few, so a linear scan beats a heap.
 */
public final class MergeCursor implements SampleCursor {
    private final SampleCursor[] inputs;
    private final boolean[] live;
    private boolean started;
    private long t;
    private double v;

    public MergeCursor(List<SampleCursor> inputs) {
        this.inputs = inputs.toArray(new SampleCursor[0]);
        this.live = new boolean[this.inputs.length];
    }

    @Override
    public boolean next() {
        if (!started) {
            for (int i = 0; i < inputs.length; i++) {
                live[i] = inputs[i].next();
            }
            started = true;
        }
        int best = -1;
        for (int i = 0; i < inputs.length; i++) {
            if (live[i] && (best < 0 || inputs[i].timestamp() < inputs[best].timestamp())) {
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        t = inputs[best].timestamp();
        v = inputs[best].value();
        for (int i = 0; i < inputs.length; i++) {
            if (live[i] && inputs[i].timestamp() == t) {
                live[i] = inputs[i].next();
            }
        }
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
}
