package dev.vigil.logql;

import dev.vigil.logql.parser.ParseException;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.parser.SampleExpr;
import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import dev.vigil.model.fuzz.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a {@link LogqlException}, never another exception: queries derived from valid
 * ones by random edits ({@link Fuzz}, 10,000 of them) are parsed and, when they parse, evaluated.
 */
class MalformedQueryTest {
    private static final long S = 1_000_000_000L;
    private static final String[] SEEDS = {
        "sum by (level) (count_over_time({app=\"a\"} | logfmt | level=~\"e.*\" [5m]))",
        "quantile_over_time(0.9, {app=\"a\"} | json | unwrap duration(latency) | __error__=\"\" [1m]) by (path)",
        "{app=\"a\"} |= \"x\" or \"y\" | pattern \"<a> <b>\" | line_format \"{{ .a | ToUpper }}\" | label_format c=b",
        "topk(2, rate({app=\"a\"}[1m] offset 1m)) / on(app) group_left vector(2) > bool 1",
        "label_replace(bytes_rate({app=\"a\"} | regexp \"(?P<x>\\\\w+)\" [1m]), \"d\", \"$1\", \"x\", \"(.*)\")",
        "{app=\"a\"} | json a=\"b[0].c\" | keep a, app | drop x=\"1\" | decolorize | status >= 1KB or t < 1s",
    };
    private static final String ALPHABET = "{}()[]|=!~\"`,.<>+-*/%^ azAZ09_$#\\";
    private static final List<String> TOKENS = List.of("|= \"x\"", "|~ \"(a+)+$\"", "| json", "| logfmt", "| unwrap latency",
            "[5m]", "[1s]", " by (app) ", " without (x) ", "sum(", "rate(", "count_over_time(", "{app=\"a\"}", "| line_format \"{{.a}}\"",
            "| label_format b=\"{{ repeat 1500000000 .a }}\"", "| regexp \"(?P<x>\\\\w+)\"", "offset 1h", " or ", " and ", "1e308", "__error__");

    @Test
    void mutatedQueriesFailOnlyWithLogqlException() {
        LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);
        InMemoryLogSource src = new InMemoryLogSource();
        src.add(Labels.of("app", "a"), List.of(
                new LogEntry(10 * S, "{\"a\":[{\"c\":1}],\"latency\":\"2s\",\"path\":\"/x\"}"),
                new LogEntry(20 * S, "level=error status=500 t=2ms a=b")));
        List<String> queries = Fuzz.strings(7, List.of(SEEDS), ALPHABET, TOKENS, Fuzz.INPUTS);
        int parsed = Fuzz.check(queries, Fuzz::show, q -> {
            try {
                QueryKind kind = engine.kind(q);
                if (kind == QueryKind.LOG) {
                    engine.query(src, q, 0, 60 * S, Direction.BACKWARD, 100);
                } else {
                    engine.range(src, q, 0, 60 * S, 10 * S);
                }
                return true;
            } catch (LogqlException e) {
                return Fuzz.refused(e);
            }
        });
        assertTrue(parsed >= SEEDS.length, "the seed queries parse");
    }

    /** Nesting beyond vigil.query.max-nesting-depth is a parse error, not a StackOverflowError. */
    @Test
    void tooDeepIsAParseError() {
        String rate = "rate({app=\"a\"}[1m])";
        for (String q : new String[]{"(".repeat(1900) + rate + ")".repeat(1900), rate + " + 1".repeat(5000),
                "sum(".repeat(1000) + rate + ")".repeat(1000)}) {
            ParseException e = assertThrows(ParseException.class, () -> Parser.parse(q));
            assertTrue(e.getMessage().contains("expression nested too deeply: more than 256 levels"), e.getMessage());
        }
        assertInstanceOf(SampleExpr.class, Parser.parse("(".repeat(100) + rate + " * 2".repeat(100) + ")".repeat(100)));
    }
}
