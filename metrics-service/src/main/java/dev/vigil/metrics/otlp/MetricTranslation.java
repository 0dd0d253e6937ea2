package dev.vigil.metrics.otlp;

import dev.vigil.model.MetricSeries;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The series one OTLP export request became, and how many data points were left out, by reason.
 *
 * @param series   series with samples ascending by timestamp, at most one per label set
 * @param rejected data points (or metrics, for {@link RejectReason#INVALID_NAME} and
 *                 {@link RejectReason#NO_DATA}) not translated; reasons without rejections are absent
 */
public record MetricTranslation(List<MetricSeries> series, Map<RejectReason, Long> rejected) {
    public MetricTranslation {
        series = List.copyOf(series);
        rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejected));
    }

    public long samples() {
        return series.stream().mapToLong(s -> s.samples().size()).sum();
    }
}
