package dev.vigil.logql.eval;

import dev.vigil.model.Labels;

/** A labelled value of an instant vector during evaluation. */
record Element(Labels labels, double value) {
}
