package dev.vigil.logql.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{app=\"a\", env!=\"dev\", pod=~\"p.+\", ns!~\"kube.*\"} |= \"x\" != \"y\" |~ \"a|b\" !~ \"c\" |= \"d\" or \"e\"",
        "{app=\"a\"} | json | logfmt --strict --keep-empty | regexp \"(?P<ip>\\\\S+)\" | pattern \"<ip> <_>\" | unpack",
        "{app=\"a\"} | json first=\"a.b\", second=\"c[0]\" | logfmt x, y=\"z\"",
        "{app=\"a\"} | level=\"error\" or (status >= 400 and latency > 250ms), size < 1KB | x=~\"a.*\"",
        "{app=\"a\"} | line_format \"{{.a}}\" | label_format b=a, c=\"{{.d}}\" | drop a, b=\"1\" | keep c | decolorize",
        "sum by (level) (count_over_time({app=\"x\"} | logfmt [5m]))",
        "quantile_over_time(0.99, {app=\"a\"} | json | unwrap duration(latency) | __error__=\"\" [1m] offset 5m) by (path)",
        "topk(3, sum without (pod) (rate({app=\"a\"}[1m]))) / on(job) group_left(x) vector(2) > bool 1",
        "count_over_time({app=\"a\"}[1m]) and ignoring(x) bytes_rate({app=\"b\"}[1m]) or 2 * rate({app=\"c\"}[1m])",
        "label_replace(rate({app=\"a\"}[1m]), \"dst\", \"$1\", \"app\", \"(.*)\")",
    })
    void printedQueryParsesToTheSameTree(String query) {
        Expr first = Parser.parse(query);
        Expr again = Parser.parse(Printer.print(first));
        assertEquals(first, again, Printer.print(first));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', quoteCharacter = '\0', value = {
        "{app=\"foo\"                          ¦ parse error at line 1, col 11: syntax error: unexpected $end, expecting , or }",
        "{app=\"foo\"} |= 12                   ¦ parse error at line 1, col 16: syntax error: unexpected NUMBER, expecting STRING",
        "{app=~\".*\"}                          ¦ at least one regexp or equality matcher",
        "rate({app=\"a\"})                      ¦ parse error at line 1, col 15: syntax error: unexpected ), expecting [",
        "sum_over_time({app=\"a\"}[1m])         ¦ parse error : invalid aggregation sum_over_time without unwrap",
        "count_over_time({app=\"a\"}[1m]) by (x)¦ grouping not allowed for count_over_time aggregation",
        "{app=\"a\"} | regexp \"(a)\"             ¦ at least one named capture must be supplied",
        "{app=\"a\"} | label_format a=b, a=c    ¦ multiple label name 'a' not allowed",
        "{app=\"a\"} + 1                        ¦ binary operations require metric queries",
    })
    void badQueriesFailWithLokiStyleMessages(String query, String fragment) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5m|300000000000", "1h30m|5400000000000", "250ms|250000000", "1.5s|1500000000"})
    void durationsParseToNanoseconds(String text, long nanos) {
        assertEquals(nanos, Units.parseDuration(text).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"20MB|20000000", "1KiB|1024", "42|42", "4.5 kB|4500"})
    void byteSizesParseAsHumanizeDoes(String text, double bytes) {
        assertEquals(bytes, Units.parseBytes(text).orElseThrow());
    }

    @org.junit.jupiter.api.Test
    void errorPositionsCountLinesAndColumns() {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("{app=\"a\"}\n  | json\n  | level = +"));
        assertEquals(3, e.line());
        assertEquals(13, e.column());
        assertEquals("parse error at line 3, col 13: syntax error: unexpected +, expecting STRING or NUMBER or DURATION or BYTES",
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void rangeMayFollowThePipeline() {
        Expr e = Parser.parse("count_over_time({app=\"a\"}[1m] |= \"x\")");
        RangeAggregationExpr r = assertInstanceOf(RangeAggregationExpr.class, e);
        assertEquals(60_000_000_000L, r.range().rangeNanos());
        assertEquals(1, r.range().selector().stages().size());
    }
}
