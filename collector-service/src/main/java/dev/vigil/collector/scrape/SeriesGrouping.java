package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns flat samples into series, one per label set, samples in the order given. */
public final class SeriesGrouping {
    private SeriesGrouping() {
    }

    public static List<MetricSeries> toSeries(List<MetricSample> samples) {
        Map<Labels, List<Sample>> bySeries = new LinkedHashMap<>();
        for (MetricSample s : samples) {
            bySeries.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(new Sample(s.timestampMs(), s.value()));
        }
        List<MetricSeries> out = new ArrayList<>(bySeries.size());
        bySeries.forEach((labels, list) -> out.add(new MetricSeries(labels, list)));
        return out;
    }
}
