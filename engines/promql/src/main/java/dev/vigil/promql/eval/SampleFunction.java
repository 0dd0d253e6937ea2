package dev.vigil.promql.eval;

/** A function applied to each sample's value on its own; {@code args} are the scalar arguments at the step. */
@FunctionalInterface
interface SampleFunction {
    double apply(double value, double[] args);
}
