package dev.vigil.promql.value;

/** A query result: a {@link Scalar}, {@link StringValue}, {@link Vector} or {@link Matrix}. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {
    /** The type name as the Prometheus HTTP API spells it in {@code resultType}. */
    String resultType();
}
