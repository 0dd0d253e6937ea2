package dev.vigil.collector.scrape;

/**
 * What {@code # TYPE}, {@code # HELP} and {@code # UNIT} said about a metric family; empty
 * strings where a line was absent ({@code type} is then "unknown").
 */
public record MetricMetadata(String type, String help, String unit) {
    static final MetricMetadata NONE = new MetricMetadata("unknown", "", "");
}
