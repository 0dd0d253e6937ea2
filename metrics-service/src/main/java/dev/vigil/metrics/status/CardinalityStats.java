package dev.vigil.metrics.status;

import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Prometheus's {@code /api/v1/status/tsdb} reports about its head block, computed from the
 * series a query sees over the same window: head figures and the top {@code limit} of four
 * cardinality lists, each sorted by count, largest first (ties by name), as Prometheus 2.42's
 * postings statistics count them: series per metric name, distinct values per label name, bytes
 * of a label name's distinct values (each value's UTF-8 length once), series per label pair.
 */
public final class CardinalityStats {
    /** Prometheus cuts a head chunk every 120 samples. */
    static final int SAMPLES_PER_CHUNK = 120;

    private long series;
    private long chunks;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private final Map<String, Long> byMetricName = new HashMap<>();
    private final Map<String, Set<String>> valuesByLabelName = new HashMap<>();
    private final Map<String, Long> byLabelPair = new HashMap<>();

    /** One named count of a list. */
    public record Stat(String name, long value) {
    }

    /** Adds a series: its labels, and its samples for the head's time range and chunk count. */
    public void add(Series s) {
        Labels labels = s.labels();
        series++;
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (name.equals(Labels.METRIC_NAME)) {
                byMetricName.merge(value, 1L, Long::sum);
            }
            valuesByLabelName.computeIfAbsent(name, n -> new HashSet<>()).add(value);
            byLabelPair.merge(name + "=" + value, 1L, Long::sum);
        }
        long samples = 0;
        SampleCursor c = s.cursor();
        while (c.next()) {
            long t = c.timestamp();
            minTime = Math.min(minTime, t);
            maxTime = Math.max(maxTime, t);
            samples++;
        }
        chunks += (samples + SAMPLES_PER_CHUNK - 1) / SAMPLES_PER_CHUNK;
    }

    /** The answer's {@code data}, with at most {@code limit} entries per list. */
    public Map<String, Object> data(int limit) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("numSeries", series);
        head.put("numLabelPairs", byLabelPair.size());
        head.put("chunkCount", chunks);
        head.put("minTime", series == 0 ? Long.MAX_VALUE : minTime); // Prometheus's empty head says the same
        head.put("maxTime", series == 0 ? Long.MIN_VALUE : maxTime);
        Map<String, Long> valueCounts = new HashMap<>();
        Map<String, Long> valueBytes = new HashMap<>();
        valuesByLabelName.forEach((name, values) -> {
            valueCounts.put(name, (long) values.size());
            valueBytes.put(name, values.stream().mapToLong(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum());
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("headStats", head);
        data.put("seriesCountByMetricName", top(byMetricName, limit));
        data.put("labelValueCountByLabelName", top(valueCounts, limit));
        data.put("memoryInBytesByLabelName", top(valueBytes, limit));
        data.put("seriesCountByLabelValuePair", top(byLabelPair, limit));
        return data;
    }

    static List<Stat> top(Map<String, Long> counts, int limit) {
        List<Stat> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new Stat(k, v)));
        all.sort(Comparator.comparingLong(Stat::value).reversed().thenComparing(Stat::name));
        return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
    }
}
