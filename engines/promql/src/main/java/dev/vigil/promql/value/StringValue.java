package dev.vigil.promql.value;

/** A string result at a time (Unix ms). */
public record StringValue(long timestampMs, String value) implements Value {
    @Override
    public String resultType() {
        return "string";
    }
}
