package dev.vigil.promql.eval;

import dev.vigil.promql.value.Value;

/** A query's value and how many samples it loaded from storage. */
public record Result(Value value, long samplesLoaded) {
}
