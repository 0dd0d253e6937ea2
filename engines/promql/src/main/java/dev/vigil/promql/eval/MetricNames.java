package dev.vigil.promql.eval;

import dev.vigil.model.Labels;

/** Dropping {@code __name__}, which most operations do because the result is no longer that metric. */
final class MetricNames {
    private MetricNames() {
    }

    static Labels drop(Labels l) {
        if (l.get(Labels.METRIC_NAME).isEmpty()) {
            return l;
        }
        return l.toBuilder().remove(Labels.METRIC_NAME).build();
    }
}
