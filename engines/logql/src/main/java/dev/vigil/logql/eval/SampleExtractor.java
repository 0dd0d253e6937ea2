package dev.vigil.logql.eval;

import dev.vigil.logql.Direction;
import dev.vigil.logql.parser.Grouping;
import dev.vigil.logql.parser.LogRange;
import dev.vigil.logql.parser.Units;
import dev.vigil.logql.parser.Unwrap;
import dev.vigil.logql.pipeline.LabelsBuilder;
import dev.vigil.logql.pipeline.LogLine;
import dev.vigil.logql.pipeline.Pipeline;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.Labels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Turns the entries of a log range into samples per series: 1 per line, the line's byte length, or
 * the unwrapped label value. Series labels are the entry's labels after the pipeline, reduced by the
 * range aggregation's grouping; the unwrapped label is dropped, and an entry with an error keeps
 * all its labels (so the error is reported rather than grouped away), as in Loki.
 */
final class SampleExtractor {
    static final String SAMPLE_EXTRACTION_ERROR = "SampleExtractionErr";

    private SampleExtractor() {
    }

    enum ValueKind {
        COUNT, BYTES, UNWRAP
    }

    static Map<Labels, SeriesBuffer> extract(LogSource source, LogRange range, Optional<Grouping> grouping, ValueKind kind,
                                             long fromNanos, long toNanos) {
        Pipeline pipeline = Pipeline.compile(range.selector().stages());
        Map<Labels, SeriesBuffer> out = new HashMap<>();
        Optional<Unwrap> unwrap = range.unwrap();
        for (Labels stream : source.streams(range.selector().matchers(), fromNanos, toNanos)) {
            try (EntryIterator it = source.entries(stream, fromNanos, toNanos, Direction.FORWARD, pipeline.pushdown())) {
                Map<Labels, Labels> groupCache = new HashMap<>();
                while (it.hasNext()) {
                    LogEntry e = it.next();
                    LabelsBuilder lb = new LabelsBuilder(stream, e.structuredMetadata());
                    LogLine line = new LogLine(e.timestampNanos(), e.line(), lb);
                    if (!pipeline.process(line)) {
                        continue;
                    }
                    double value;
                    if (kind == ValueKind.COUNT) {
                        value = 1;
                    } else if (kind == ValueKind.BYTES) {
                        value = utf8Length(line.line());
                    } else {
                        Unwrap u = unwrap.orElseThrow();
                        String raw = lb.get(u.label());
                        if (raw.isEmpty()) {
                            continue;
                        }
                        OptionalDouble v = convert(raw, u.conversion());
                        value = v.orElse(0);
                        if (v.isEmpty()) {
                            lb.setError(SAMPLE_EXTRACTION_ERROR);
                        }
                        if (!Pipeline.filter(u.postFilters(), lb)) {
                            continue;
                        }
                    }
                    Labels key;
                    if (lb.hasError()) {
                        key = lb.labels();
                    } else if (grouping.isPresent() && !grouping.get().without()) {
                        key = byLabels(lb, grouping.get().labels());
                    } else {
                        key = groupCache.computeIfAbsent(lb.labels(), f -> group(f, grouping, unwrap));
                    }
                    out.computeIfAbsent(key, k -> new SeriesBuffer()).add(e.timestampNanos(), value);
                }
            }
        }
        for (SeriesBuffer b : out.values()) {
            b.sort();
        }
        return out;
    }

    /** The {@code by} labels read straight from the builder, without building the full label set. */
    private static Labels byLabels(LabelsBuilder lb, List<String> names) {
        if (names.isEmpty()) {
            return Labels.EMPTY;
        }
        String[] kv = new String[names.size() * 2];
        for (int i = 0; i < names.size(); i++) {
            kv[2 * i] = names.get(i);
            kv[2 * i + 1] = lb.get(names.get(i));
        }
        return Labels.of(kv);
    }

    private static Labels group(Labels full, Optional<Grouping> grouping, Optional<Unwrap> unwrap) {
        if (grouping.isPresent() && !grouping.get().without()) {
            Labels.Builder b = Labels.builder();
            for (String n : grouping.get().labels()) {
                b.set(n, full.get(n));
            }
            return b.build();
        }
        if (grouping.isEmpty() && unwrap.isEmpty()) {
            return full;
        }
        TreeMap<String, String> m = full.toMap();
        grouping.ifPresent(g -> g.labels().forEach(m::remove));
        unwrap.ifPresent(u -> m.remove(u.label()));
        return Labels.from(m);
    }

    static OptionalDouble convert(String raw, Unwrap.Conversion c) {
        switch (c) {
            case FLOAT -> {
                try {
                    return OptionalDouble.of(Double.parseDouble(raw.trim()));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
            case DURATION, DURATION_SECONDS -> {
                OptionalLong n = Units.parseDuration(raw);
                return n.isPresent() ? OptionalDouble.of(n.getAsLong() / 1e9) : OptionalDouble.empty();
            }
            default -> {
                return Units.parseBytes(raw);
            }
        }
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

}
