package dev.vigil.logql.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of an expression at every evaluation step: one number per step for a scalar, one
 * instant vector per step otherwise.
 */
final class StepValues {
    private final double[] scalars;
    private final List<List<Element>> vectors;

    private StepValues(double[] scalars, List<List<Element>> vectors) {
        this.scalars = scalars;
        this.vectors = vectors;
    }

    static StepValues scalar(double[] values) {
        return new StepValues(values, null);
    }

    static StepValues vectors(List<List<Element>> perStep) {
        return new StepValues(null, perStep);
    }

    static StepValues emptyVectors(int steps) {
        List<List<Element>> v = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            v.add(new ArrayList<>());
        }
        return new StepValues(null, v);
    }

    boolean isScalar() {
        return scalars != null;
    }

    double scalar(int step) {
        return scalars[step];
    }

    List<Element> vector(int step) {
        return vectors.get(step);
    }

    int steps() {
        return scalars != null ? scalars.length : vectors.size();
    }
}
