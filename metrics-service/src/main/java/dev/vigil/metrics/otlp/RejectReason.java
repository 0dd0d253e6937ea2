package dev.vigil.metrics.otlp;

/** Why OTLP data points were not turned into series; each reason is a label of the rejection counter. */
public enum RejectReason {
    /** Delta (or unspecified) temporality of a sum or histogram: Prometheus series are cumulative. */
    DELTA_TEMPORALITY("delta_temporality"),
    /** Exponential histograms have no classic-bucket form in the store. */
    EXPONENTIAL_HISTOGRAM("exponential_histogram"),
    /** The metric name normalizes to nothing usable (empty, or only underscores). */
    INVALID_NAME("invalid_name"),
    /** A metric with no data field set. */
    NO_DATA("no_data");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** The value of the {@code reason} label on /q/metrics. */
    public String label() {
        return label;
    }
}
