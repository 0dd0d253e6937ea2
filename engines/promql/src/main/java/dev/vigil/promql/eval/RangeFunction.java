package dev.vigil.promql.eval;

/** A function of a range vector, computed per series per step from that step's {@link Window}. */
@FunctionalInterface
interface RangeFunction {
    double apply(Window w);
}
