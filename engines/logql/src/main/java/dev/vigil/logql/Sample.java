package dev.vigil.logql;

import dev.vigil.model.Labels;

/** One element of an instant vector. */
public record Sample(Labels labels, long timestampNanos, double value) {
}
