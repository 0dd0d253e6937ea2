package dev.vigil.promql.value;

import java.util.List;

/** An instant vector: at most one sample per label set, in the order the query produced them. */
public record Vector(List<Sample> samples) implements Value {
    public Vector {
        samples = List.copyOf(samples);
    }

    @Override
    public String resultType() {
        return "vector";
    }
}
