package dev.vigil.logql;

import dev.vigil.logql.parser.ParseException;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.parser.SampleExpr;
import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input gets a {@link LogqlException}, never another exception: every query derived from valid
 * ones by deleting, duplicating or replacing up to four characters (a fixed pseudo-random sample) is parsed
 * and, when it parses, evaluated.
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

    @Test
    void mutatedQueriesFailOnlyWithLogqlException() {
        LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);
        InMemoryLogSource src = new InMemoryLogSource();
        src.add(Labels.of("app", "a"), List.of(
                new LogEntry(10 * S, "{\"a\":[{\"c\":1}],\"latency\":\"2s\",\"path\":\"/x\"}"),
                new LogEntry(20 * S, "level=error status=500 t=2ms a=b")));
        Random rnd = new Random(7);
        int parsed = 0;
        List<String> queries = new ArrayList<>();
        for (String seed : SEEDS) {
            queries.add(seed);
            for (int i = 0; i < 1000; i++) {
                String m = seed;
                int edits = 1 + rnd.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    int at = rnd.nextInt(m.length());
                    char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
                    m = switch (rnd.nextInt(3)) {
                        case 0 -> m.substring(0, at) + m.substring(at + 1);
                        case 1 -> m.substring(0, at) + m.charAt(at) + m.substring(at);
                        default -> m.substring(0, at) + c + m.substring(at + 1);
                    };
                }
                queries.add(m);
            }
        }
        for (String q : queries) {
            try {
                QueryKind kind = engine.kind(q);
                parsed++;
                if (kind == QueryKind.LOG) {
                    engine.query(src, q, 0, 60 * S, Direction.BACKWARD, 100);
                } else {
                    engine.range(src, q, 0, 60 * S, 10 * S);
                }
            } catch (LogqlException expected) {
                assertTrue(!expected.getMessage().isBlank(), q);
            } catch (RuntimeException e) {
                fail("query " + q + " threw " + e, e);
            }
        }
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
