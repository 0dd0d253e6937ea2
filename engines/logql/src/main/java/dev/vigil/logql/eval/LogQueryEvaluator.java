package dev.vigil.logql.eval;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.pipeline.LabelsBuilder;
import dev.vigil.logql.pipeline.LogLine;
import dev.vigil.logql.pipeline.Pipeline;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a log query: every selected stream's entries in [start, end) through the pipeline, the first
 * {@code limit} entries over all streams in the query's direction, grouped by the labels the
 * pipeline left (so a parser can split one stored stream into several result streams).
 */
public final class LogQueryEvaluator {
    private record Out(Labels labels, LogEntry entry) {
    }

    private LogQueryEvaluator() {
    }

    public static LogResult evaluate(LogSource source, LogSelectorExpr e, long startNanos, long endNanos,
                                     Direction direction, int limit) {
        Pipeline pipeline = Pipeline.compile(e.stages());
        List<Out> all = new ArrayList<>();
        for (Labels stream : source.streams(e.matchers(), startNanos, endNanos)) {
            try (EntryIterator it = source.entries(stream, startNanos, endNanos, direction, pipeline.pushdown())) {
                int taken = 0;
                // A stream never contributes more than limit entries to the overall first limit.
                while (it.hasNext() && taken < limit) {
                    LogEntry entry = it.next();
                    LogLine line = new LogLine(entry.timestampNanos(), entry.line(), new LabelsBuilder(stream, entry.structuredMetadata()));
                    if (!pipeline.process(line)) {
                        continue;
                    }
                    all.add(new Out(line.labels().labels(), new LogEntry(entry.timestampNanos(), line.line(), entry.structuredMetadata())));
                    taken++;
                }
            }
        }
        Comparator<Out> byTime = Comparator.comparingLong(o -> o.entry().timestampNanos());
        all.sort(direction == Direction.FORWARD ? byTime : byTime.reversed());
        Map<Labels, List<LogEntry>> streams = new TreeMap<>();
        for (Out o : all.subList(0, Math.min(limit, all.size()))) {
            streams.computeIfAbsent(o.labels(), l -> new ArrayList<>()).add(o.entry());
        }
        List<StreamResult> out = new ArrayList<>(streams.size());
        streams.forEach((l, entries) -> out.add(new StreamResult(l, entries)));
        return new LogResult(out);
    }
}
