package dev.vigil.promql.script;

import dev.vigil.model.Labels;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.storage.MemoryStorage;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.Sample;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a PromQL test file as one dynamic test per eval, comparing as Prometheus's harness does:
 * the same series set (order only for eval_ordered), values within relative 1e-6, NaN equal to NaN.
 * An instant eval is also re-run as a range query around its time and must give the same answer there.
 */
public final class ScriptRunner {
    private static final double EPSILON = 1e-6;
    private static final double MIN_NORMAL = Double.MIN_NORMAL;

    private final Engine engine;

    public ScriptRunner(EngineOptions options) {
        this.engine = new Engine(options);
    }

    public List<DynamicTest> tests(String file, String text) {
        List<DynamicTest> out = new ArrayList<>();
        List<ScriptCommand.Load> loads = new ArrayList<>();
        Supplier<MemoryStorage> storage = memo(List.copyOf(loads));
        for (ScriptCommand c : ScriptParser.parse(file, text)) {
            if (c instanceof ScriptCommand.Clear) {
                loads.clear();
                storage = memo(List.of());
            } else if (c instanceof ScriptCommand.Load l) {
                loads.add(l);
                storage = memo(List.copyOf(loads));
            } else {
                ScriptCommand.Eval e = (ScriptCommand.Eval) c;
                Supplier<MemoryStorage> s = storage;
                String name = e.file() + ":" + e.line() + " " + e.query();
                out.add(DynamicTest.dynamicTest(name, () -> run(e, s.get())));
            }
        }
        return out;
    }

    private static Supplier<MemoryStorage> memo(List<ScriptCommand.Load> loads) {
        return new Supplier<>() {
            private MemoryStorage built;

            @Override
            public synchronized MemoryStorage get() {
                if (built == null) {
                    built = new MemoryStorage();
                    for (ScriptCommand.Load l : loads) {
                        for (ScriptCommand.SeriesLine s : l.series()) {
                            for (int i = 0; i < s.values().size(); i++) {
                                Double v = s.values().get(i);
                                if (v != null) {
                                    built.add(s.labels(), i * l.intervalMs(), v);
                                }
                            }
                        }
                    }
                }
                return built;
            }
        };
    }

    private void run(ScriptCommand.Eval e, MemoryStorage storage) {
        if (e.fail()) {
            RuntimeException err = null;
            try {
                if (e.range()) {
                    engine.rangeQuery(storage, e.query(), e.startMs(), e.endMs(), e.stepMs());
                } else {
                    engine.instantQuery(storage, e.query(), e.startMs());
                }
            } catch (RuntimeException ex) {
                err = ex;
            }
            if (err == null) {
                fail("expected the query to fail: " + e.query());
            }
            if (!e.failMessage().isEmpty()) {
                assertTrue(err.getMessage().contains(e.failMessage()),
                        "error \"" + err.getMessage() + "\" should contain \"" + e.failMessage() + "\"");
            }
            return;
        }
        if (e.range()) {
            Matrix m = (Matrix) engine.rangeQuery(storage, e.query(), e.startMs(), e.endMs(), e.stepMs()).value();
            compareRange(e, m);
            return;
        }
        Value v = engine.instantQuery(storage, e.query(), e.startMs()).value();
        compareInstant(e, v, e.ordered());
        // start() and end() mean other times in a range query, so those queries are not re-run.
        boolean usesStartEnd = e.query().contains("start()") || e.query().contains("end()");
        if (!e.ordered() && !usesStartEnd && (v instanceof Vector || v instanceof Scalar)) {
            // The same answer must come out of range evaluation at the middle step.
            long t = e.startMs();
            Matrix m = (Matrix) engine.rangeQuery(storage, e.query(), t - 60_000, t + 60_000, 60_000).value();
            List<Sample> at = new ArrayList<>();
            for (TimeSeries s : m.series()) {
                for (Point p : s.points()) {
                    if (p.timestampMs() == t) {
                        at.add(new Sample(s.labels(), t, p.value()));
                    }
                }
            }
            Value asInstant = v instanceof Scalar ? new Scalar(t, at.isEmpty() ? Double.NaN : at.get(0).value()) : new Vector(at);
            compareInstant(e, asInstant, false);
        }
    }

    private static void compareInstant(ScriptCommand.Eval e, Value v, boolean ordered) {
        List<ScriptCommand.SeriesLine> exp = e.expected();
        if (v instanceof Scalar s) {
            assertEquals(1, exp.size(), "expected " + exp.size() + " results but got a scalar " + s.value());
            assertTrue(exp.get(0).scalar(), "expected a vector but got scalar " + s.value());
            double want = exp.get(0).values().get(0);
            assertTrue(almostEqual(want, s.value()), "expected scalar " + want + " but got " + s.value());
            return;
        }
        if (!(v instanceof Vector vec)) {
            assertTrue(exp.isEmpty() && v instanceof Matrix m && m.series().isEmpty(),
                    "unexpected result type " + v.resultType() + ": " + v);
            return;
        }
        Map<Labels, Integer> pos = new HashMap<>();
        for (int i = 0; i < vec.samples().size(); i++) {
            pos.put(vec.samples().get(i).labels(), i);
        }
        for (int i = 0; i < exp.size(); i++) {
            ScriptCommand.SeriesLine want = exp.get(i);
            assertTrue(!want.scalar(), "expected a scalar but got vector " + vec.samples());
            Integer at = pos.get(want.labels());
            if (at == null) {
                fail("expected series " + want.labels() + " missing from result " + vec.samples());
            }
            Sample got = vec.samples().get(at);
            if (ordered) {
                assertEquals(i, at, "expected " + want.labels() + " at position " + i + " but it is at " + at);
            }
            double w = want.values().get(0);
            assertTrue(almostEqual(w, got.value()), "expected " + w + " for " + want.labels() + " but got " + got.value());
        }
        assertEquals(exp.size(), vec.samples().size(), "expected " + exp.size() + " samples but got " + vec.samples());
    }

    private static void compareRange(ScriptCommand.Eval e, Matrix m) {
        int steps = (int) ((e.endMs() - e.startMs()) / e.stepMs()) + 1;
        Map<Labels, TimeSeries> got = new HashMap<>();
        for (TimeSeries s : m.series()) {
            got.put(s.labels(), s);
        }
        for (ScriptCommand.SeriesLine want : e.expected()) {
            TimeSeries s = got.remove(want.labels());
            if (s == null) {
                fail("expected series " + want.labels() + " missing from result " + m.series());
            }
            assertEquals(steps, want.values().size(), "expected values must give one value per step for " + want.labels());
            Map<Long, Double> byTime = new HashMap<>();
            for (Point p : s.points()) {
                byTime.put(p.timestampMs(), p.value());
            }
            for (int k = 0; k < steps; k++) {
                long t = e.startMs() + k * e.stepMs();
                Double w = want.values().get(k);
                Double g = byTime.get(t);
                if (w == null) {
                    assertTrue(g == null, "expected no value for " + want.labels() + " at " + t + " but got " + g);
                } else {
                    assertTrue(g != null && almostEqual(w, g), "expected " + w + " for " + want.labels() + " at " + t + " but got " + g);
                }
            }
        }
        assertTrue(got.isEmpty(), "unexpected series in result: " + got.keySet());
    }

    /** Prometheus's almostEqual: NaN equals NaN, else relative difference below 1e-6. */
    static boolean almostEqual(double a, double b) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || diff < MIN_NORMAL) {
            return diff < EPSILON * MIN_NORMAL;
        }
        return diff / (Math.abs(a) + Math.abs(b)) < EPSILON;
    }
}
