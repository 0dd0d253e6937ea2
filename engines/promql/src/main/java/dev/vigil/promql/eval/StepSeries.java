package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

/** One series of an instant vector evaluated over a grid: value and presence per step. */
final class StepSeries {
    final Labels labels;
    final double[] v;
    final boolean[] has;

    StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.v = new double[steps];
        this.has = new boolean[steps];
    }

    void set(int k, double value) {
        v[k] = value;
        has[k] = true;
    }

    boolean isEmpty() {
        for (boolean b : has) {
            if (b) {
                return false;
            }
        }
        return true;
    }
}
