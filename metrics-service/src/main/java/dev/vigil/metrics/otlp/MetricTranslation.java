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
 * @param metadata each translated family's type, help and unit, for {@code /api/v1/metadata}
 */
public record MetricTranslation(List<MetricSeries> series, Map<RejectReason, Long> rejected, List<Metadata> metadata) {
    public MetricTranslation {
        series = List.copyOf(series);
        rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejected));
        metadata = List.copyOf(metadata);
    }

    /** A family's metadata: Prometheus's type name, the OTLP description and unit. */
    public record Metadata(String family, String type, String help, String unit) {
    }

    public long samples() {
        return series.stream().mapToLong(s -> s.samples().size()).sum();
    }
}
