package dev.vigil.promql.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The printer renders the canonical form Prometheus 2.42's format_query gives (checked against a real one). */
class PrinterTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sum(foo)by(a)", "sum by (a) (foo)"),
                Arguments.of("SUM(foo) BY (a)", "sum by (a) (foo)"),
                Arguments.of("sum without(a,b)(foo)", "sum without (a, b) (foo)"),
                Arguments.of("topk(3,foo)", "topk(3, foo)"),
                Arguments.of("count_values(\"v\",foo)", "count_values(\"v\", foo)"),
                Arguments.of("{__name__=\"foo\",a!=\"b\"}", "{__name__=\"foo\",a!=\"b\"}"),
                Arguments.of("foo{c=~\"d.*\",a=\"b\"}", "foo{a=\"b\",c=~\"d.*\"}"),
                Arguments.of("foo offset 5m", "foo offset 5m"),
                Arguments.of("foo offset -5m", "foo offset -5m"),
                Arguments.of("foo @ 100", "foo @ 100.000"),
                Arguments.of("foo @ 100.5 offset 1m", "foo @ 100.500 offset 1m"),
                Arguments.of("foo offset 1m @ 100.5", "foo @ 100.500 offset 1m"),
                Arguments.of("foo[5m] @ start() offset 1h30m", "foo[5m] @ start() offset 1h30m"),
                Arguments.of("foo @ end()", "foo @ end()"),
                Arguments.of("rate(foo[90s])", "rate(foo[1m30s])"),
                Arguments.of("foo[1w2d]", "foo[9d]"),
                Arguments.of("foo[2w]", "foo[2w]"),
                Arguments.of("rate(foo[5m])[30m:1m]", "rate(foo[5m])[30m:1m]"),
                Arguments.of("sum(rate(foo[5m]))[1h:] offset 10m", "sum(rate(foo[5m]))[1h:] offset 10m"),
                Arguments.of("foo + on(a,b) group_left(c) bar", "foo + on (a, b) group_left (c) bar"),
                Arguments.of("foo > bool ignoring(a) bar", "foo > bool ignoring (a) bar"),
                Arguments.of("foo and on() bar", "foo and on () bar"),
                Arguments.of("foo or bar unless baz", "foo or bar unless baz"),
                Arguments.of("a + b * c ^ d ^ e", "a + b * c ^ d ^ e"),
                Arguments.of("-foo", "-foo"),
                Arguments.of("-(1+2)", "-(1 + 2)"),
                Arguments.of("- 1", "-1"),
                Arguments.of("+foo", "+foo"),
                Arguments.of("1e3", "1000"),
                Arguments.of("0x1F", "31"),
                Arguments.of("1e6", "1e+06"),
                Arguments.of("0.00001", "1e-05"),
                Arguments.of("123456.7", "123456.7"),
                Arguments.of("1234567", "1.234567e+06"),
                Arguments.of("0.0001", "0.0001"),
                Arguments.of("-2.5e-7", "-2.5e-07"),
                Arguments.of("1e21", "1e+21"),
                Arguments.of("1e100", "1e+100"),
                Arguments.of("100000", "100000"),
                Arguments.of("12345678901234567890", "1.2345678901234567e+19"),
                Arguments.of("Inf", "+Inf"),
                Arguments.of("-Inf", "-Inf"),
                Arguments.of("NaN", "NaN"),
                Arguments.of(".5", "0.5"),
                Arguments.of("\"double\\\"quote\"", "\"double\\\"quote\""),
                Arguments.of("'single'", "\"single\""),
                Arguments.of("`raw\\n`", "\"raw\\\\n\""),
                Arguments.of("label_replace(foo,\"a\",\"$1\",\"b\",\"(.*)\")", "label_replace(foo, \"a\", \"$1\", \"b\", \"(.*)\")"),
                Arguments.of("foo{a=\"new\\nline\"}", "foo{a=\"new\\nline\"}"),
                Arguments.of("(foo)", "(foo)"),
                Arguments.of("1 - -1", "1 - -1"),
                Arguments.of("2 ^ -1", "2 ^ -1"),
                Arguments.of("foo atan2 bar", "foo atan2 bar"),
                Arguments.of("quantile(0.9, foo)", "quantile(0.9, foo)"),
                Arguments.of("histogram_quantile(0.9, sum by (le) (rate(foo_bucket[5m])))",
                        "histogram_quantile(0.9, sum by (le) (rate(foo_bucket[5m])))"),
                Arguments.of("foo # a comment\n + bar", "foo + bar"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsCanonicalPromql(String query, String canonical) {
        Expr e = Parser.parse(query);
        assertEquals(canonical, Printer.print(e));
        assertEquals(canonical, Printer.print(Parser.parse(canonical)), "the canonical form must print as itself");
    }
}
