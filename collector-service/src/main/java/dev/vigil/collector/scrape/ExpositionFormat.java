package dev.vigil.collector.scrape;

import java.util.Locale;

/**
 * The text formats a target may answer with, told apart by the response's Content-Type.
 */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4: millisecond timestamps, free comments, no end marker. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0: second timestamps, {@code # UNIT}, exemplars, must end with {@code # EOF}. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The format a Content-Type announces. Anything that is not OpenMetrics is read as the
     * Prometheus text format, as Prometheus 2 does for exporters that send no or a generic type.
     */
    public static ExpositionFormat fromContentType(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }
}
