package dev.vigil.logql.conformance;

import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlException;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.MetricResult;
import dev.vigil.logql.Point;
import dev.vigil.logql.Sample;
import dev.vigil.logql.Series;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LogEntry;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs every eval of every {@code src/test/resources/logql/*.test} file as its own test. */
class ConformanceTest {
    private final LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);

    @TestFactory
    Stream<DynamicNode> conformance() throws IOException, URISyntaxException {
        URL dir = getClass().getClassLoader().getResource("logql");
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no conformance files found");
        return files.stream().map(this::container);
    }

    private DynamicNode container(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<ScriptParser.Eval> evals = ScriptParser.parse(text);
        String name = file.getFileName().toString();
        return DynamicContainer.dynamicContainer(name, evals.stream().map(e ->
                DynamicTest.dynamicTest(name + ":" + e.line() + " " + e.query(), () -> run(e))));
    }

    private void run(ScriptParser.Eval e) {
        InMemoryLogSource src = new InMemoryLogSource();
        for (ScriptParser.Load l : e.data()) {
            src.add(l.stream(), l.entries());
        }
        if (e.fail()) {
            LogqlException ex = assertThrows(LogqlException.class, () -> {
                switch (e.kind()) {
                    case "parse" -> engine.parse(e.query());
                    case "instant" -> engine.instant(src, e.query(), e.start());
                    case "range" -> engine.range(src, e.query(), e.start(), e.end(), e.step());
                    default -> engine.query(src, e.query(), e.start(), e.end(), e.direction(), e.limit());
                }
            });
            assertTrue(ex.getMessage().contains(e.errorFragment()),
                    "error \"" + ex.getMessage() + "\" does not contain \"" + e.errorFragment() + "\"");
            return;
        }
        switch (e.kind()) {
            case "instant" -> checkInstant(e, engine.instant(src, e.query(), e.start()));
            case "range" -> checkRange(e, engine.range(src, e.query(), e.start(), e.end(), e.step()));
            default -> checkLogs(e, engine.query(src, e.query(), e.start(), e.end(), e.direction(), e.limit()));
        }
    }

    private static void checkInstant(ScriptParser.Eval e, MetricResult r) {
        if (r instanceof MetricResult.Scalar s) {
            assertEquals(1, e.series().size(), "got scalar " + s.value());
            assertTrue(e.series().get(0).labels().isEmpty() && e.series().get(0).values().size() == 1, "expected a vector, got a scalar");
            assertNumber(e.series().get(0).values().get(0), s.value(), "scalar");
            return;
        }
        List<Sample> got = new ArrayList<>(((MetricResult.Vector) r).samples());
        List<ScriptParser.ExpectedSeries> want = new ArrayList<>(e.series());
        if (!e.ordered()) {
            got.sort(Comparator.comparing(Sample::labels));
            want.sort(Comparator.comparing(ScriptParser.ExpectedSeries::labels));
        }
        assertEquals(describeExpected(want), describeGot(got), "labels of the result");
        for (int i = 0; i < got.size(); i++) {
            assertNumber(want.get(i).values().get(0), got.get(i).value(), got.get(i).labels().toString());
        }
    }

    private static void checkRange(ScriptParser.Eval e, MetricResult r) {
        List<Series> got = ((MetricResult.Matrix) r).series();
        List<ScriptParser.ExpectedSeries> want = new ArrayList<>(e.series());
        want.sort(Comparator.comparing(ScriptParser.ExpectedSeries::labels));
        assertEquals(want.stream().map(s -> s.labels().toString()).toList(), got.stream().map(s -> s.labels().toString()).toList(),
                "series of the result");
        int steps = (int) ((e.end() - e.start()) / e.step()) + 1;
        for (int i = 0; i < got.size(); i++) {
            List<Double> values = want.get(i).values();
            assertEquals(steps, values.size(), "expected values must list every step for " + want.get(i).labels());
            List<Point> points = got.get(i).points();
            int p = 0;
            for (int k = 0; k < steps; k++) {
                long t = e.start() + k * e.step();
                boolean has = p < points.size() && points.get(p).timestampNanos() == t;
                Double expected = values.get(k);
                if (expected == null) {
                    assertFalse(has, got.get(i).labels() + " has a value at step " + k + " (" + (has ? points.get(p).value() : 0) + ")");
                    continue;
                }
                assertTrue(has, got.get(i).labels() + " has no value at step " + k);
                assertNumber(expected, points.get(p).value(), got.get(i).labels() + " at step " + k);
                p++;
            }
        }
    }

    private static void checkLogs(ScriptParser.Eval e, LogResult r) {
        List<ScriptParser.ExpectedStream> want = new ArrayList<>(e.streams());
        want.sort(Comparator.comparing(ScriptParser.ExpectedStream::labels));
        assertEquals(render(want.stream().map(s -> new StreamResult(s.labels(), s.entries())).toList()), render(r.streams()));
    }

    private static String render(List<StreamResult> streams) {
        StringBuilder sb = new StringBuilder();
        for (StreamResult s : streams) {
            sb.append(s.labels()).append('\n');
            for (LogEntry en : s.entries()) {
                sb.append("  ").append(en.timestampNanos()).append(' ').append(en.line()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describeExpected(List<ScriptParser.ExpectedSeries> s) {
        return s.stream().map(x -> x.labels().toString()).toList().toString();
    }

    private static String describeGot(List<Sample> s) {
        return s.stream().map(x -> x.labels().toString()).toList().toString();
    }

    private static void assertNumber(Double want, double got, String what) {
        if (want.isNaN()) {
            assertTrue(Double.isNaN(got), what + ": expected NaN, got " + got);
            return;
        }
        if (want.isInfinite() || want == 0) {
            assertEquals(want, got, 0, what);
            return;
        }
        if (Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) {
            fail(what + ": expected " + want + ", got " + got);
        }
    }

}
