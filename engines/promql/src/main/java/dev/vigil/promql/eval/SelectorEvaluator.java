package dev.vigil.promql.eval;

import dev.vigil.model.StaleNaN;
import dev.vigil.promql.parser.MatrixSelector;
import dev.vigil.promql.parser.VectorSelector;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads selectors from storage. An instant selector takes, per step, the newest sample at or before
 * the step within the lookback delta, unless that sample is a stale marker. A range selector loads
 * the raw samples covering every step's window, without stale markers.
 */
final class SelectorEvaluator {
    private final EvalContext ctx;

    SelectorEvaluator(EvalContext ctx) {
        this.ctx = ctx;
    }

    EvalValue.VectorSteps instant(VectorSelector vs, Steps steps, String function) {
        boolean pinned = vs.at().isSet();
        long at = ctx.resolve(vs.at());
        long lookback = ctx.options.lookbackDeltaMs();
        long firstRef = (pinned ? at : steps.start()) - vs.offsetMs();
        long lastRef = (pinned ? at : steps.end()) - vs.offsetMs();
        List<Series> selected = ctx.storage.select(firstRef - lookback, lastRef, vs.matchers(),
                new SelectHints(steps.interval(), 0, function));
        int n = steps.count();
        List<StepSeries> out = new ArrayList<>(selected.size());
        for (Series s : selected) {
            ctx.checkDeadline();
            StepSeries ss = new StepSeries(s.labels(), n);
            SampleCursor c = s.cursor();
            boolean more = c.next();
            long lastT = Long.MIN_VALUE;
            double lastV = 0;
            int points = 0;
            for (int k = 0; k < n; k++) {
                long ref = (pinned ? at : steps.at(k)) - vs.offsetMs();
                while (more && c.timestamp() <= ref) {
                    lastT = c.timestamp();
                    lastV = c.value();
                    more = c.next();
                }
                if (lastT != Long.MIN_VALUE && lastT >= ref - lookback && !StaleNaN.is(lastV)) {
                    ss.set(k, lastV);
                    points++;
                }
            }
            if (points > 0) {
                ctx.addSamples(points);
                out.add(ss);
            }
        }
        return new EvalValue.VectorSteps(out);
    }

    /** Per step, the timestamp (seconds) of the sample an instant selector picks: what timestamp() returns. */
    EvalValue.VectorSteps sampleTimestamps(VectorSelector vs, Steps steps) {
        boolean pinned = vs.at().isSet();
        long at = ctx.resolve(vs.at());
        long lookback = ctx.options.lookbackDeltaMs();
        long firstRef = (pinned ? at : steps.start()) - vs.offsetMs();
        long lastRef = (pinned ? at : steps.end()) - vs.offsetMs();
        List<Series> selected = ctx.storage.select(firstRef - lookback, lastRef, vs.matchers(),
                new SelectHints(steps.interval(), 0, "timestamp"));
        int n = steps.count();
        StepCollector out = new StepCollector(n);
        for (Series s : selected) {
            ctx.checkDeadline();
            SampleCursor c = s.cursor();
            boolean more = c.next();
            long lastT = Long.MIN_VALUE;
            double lastV = 0;
            for (int k = 0; k < n; k++) {
                long ref = (pinned ? at : steps.at(k)) - vs.offsetMs();
                while (more && c.timestamp() <= ref) {
                    lastT = c.timestamp();
                    lastV = c.value();
                    more = c.next();
                }
                if (lastT != Long.MIN_VALUE && lastT >= ref - lookback && !StaleNaN.is(lastV)) {
                    out.add(MetricNames.drop(s.labels()), k, lastT / 1000.0);
                }
            }
        }
        return out.result();
    }

    EvalValue.RangeSteps range(MatrixSelector ms, Steps steps, String function) {
        VectorSelector vs = ms.selector();
        boolean pinned = vs.at().isSet();
        long at = ctx.resolve(vs.at());
        EvalValue.RangeSteps shape = new EvalValue.RangeSteps(List.of(), ms.rangeMs(), vs.offsetMs(), pinned, at);
        long maxt = shape.windowEnd(steps.end());
        long mint = shape.windowEnd(steps.start()) - ms.rangeMs();
        List<Series> selected = ctx.storage.select(mint, maxt, vs.matchers(),
                new SelectHints(steps.interval(), ms.rangeMs(), function));
        List<EvalValue.RawSeries> out = new ArrayList<>(selected.size());
        for (Series s : selected) {
            ctx.checkDeadline();
            long[] t = new long[64];
            double[] v = new double[64];
            int n = 0;
            // A rollup read for count_over_time carries how many raw samples it folded: it counts
            // as that many, at its time, so the count is what the raw samples would have given.
            int rollups = "count_over_time".equals(function) ? s.rollupSamples() : 0;
            int read = 0;
            SampleCursor c = s.cursor();
            boolean more = c.seek(mint);
            while (more && c.timestamp() <= maxt) {
                double value = c.value();
                int copies = read++ < rollups ? (int) value : 1;
                if (!StaleNaN.is(value)) {
                    for (int k = 0; k < copies; k++) {
                        if (n == t.length) {
                            t = Arrays.copyOf(t, n * 2);
                            v = Arrays.copyOf(v, n * 2);
                        }
                        t[n] = c.timestamp();
                        v[n] = value;
                        n++;
                    }
                }
                more = c.next();
            }
            ctx.addSamples(n);
            out.add(new EvalValue.RawSeries(s.labels(), t, v, n));
        }
        return new EvalValue.RangeSteps(out, ms.rangeMs(), vs.offsetMs(), pinned, at);
    }
}
