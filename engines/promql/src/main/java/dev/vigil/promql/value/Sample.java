package dev.vigil.promql.value;

import dev.vigil.model.Labels;

/** One element of an instant vector: a series' labels and its value at a time (Unix ms). */
public record Sample(Labels labels, long timestampMs, double value) {
}
