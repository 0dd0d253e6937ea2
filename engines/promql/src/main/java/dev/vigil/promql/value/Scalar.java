package dev.vigil.promql.value;

/** A single number at a time (Unix ms). */
public record Scalar(long timestampMs, double value) implements Value {
    @Override
    public String resultType() {
        return "scalar";
    }
}
