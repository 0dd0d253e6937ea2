package dev.vigil.promql.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid queries fail with Prometheus 2.42's message and position (checked against a real Prometheus). */
class ParserErrorTest {
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("1 +", "1:4: parse error: unexpected end of input"),
                // was an ArithmeticException (a 500 from the API); Prometheus 2.42 says this
                Arguments.of("rate(x[9999999999999y])", "1:8: parse error: duration out of range"),
                Arguments.of("rate(x[99999999999999999999999y])", "1:8: parse error: duration out of range"),
                Arguments.of("rate(foo[5m] bar)", "1:14: parse error: unexpected identifier \"bar\""),
                Arguments.of("sum(rate(foo[5m] bar))", "1:18: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("(foo bar)", "1:6: parse error: unexpected identifier \"bar\""),
                Arguments.of("sum((foo bar))", "1:10: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("sum(foo bar)", "1:9: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("abs(foo bar)", "1:9: parse error: unexpected identifier \"bar\""),
                Arguments.of("foo + (bar baz)", "1:12: parse error: unexpected identifier \"baz\""),
                Arguments.of("sum(foo{a=\"b\" c})", "1:15: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\""),
                Arguments.of("sum(foo offset)", "1:15: parse error: unexpected \")\" in offset, expected duration"),
                Arguments.of("sum by (a) (foo bar)", "1:17: parse error: unexpected identifier \"bar\" in aggregation"),
                Arguments.of("topk(3 foo)", "1:8: parse error: unexpected identifier \"foo\" in aggregation"),
                Arguments.of("sum(foo) by (a) bar", "1:17: parse error: unexpected identifier \"bar\""),
                Arguments.of("sum(foo +)", "1:10: parse error: unexpected \")\" in aggregation"),
                Arguments.of("sum(abs(foo +))", "1:14: parse error: unexpected \")\" in aggregation"),
                Arguments.of("abs(sum(foo +))", "1:14: parse error: unexpected \")\" in aggregation"),
                Arguments.of("sum(foo", "1:8: parse error: unclosed left parenthesis"),
                Arguments.of("abs(foo,", "1:9: parse error: unclosed left parenthesis"),
                Arguments.of("sum(-)", "1:6: parse error: unexpected \")\" in aggregation"),
                Arguments.of("sum(foo[5m:1m:])", "1:14: parse error: unexpected colon ':'"),
                Arguments.of("(1 +", "1:5: parse error: unclosed left parenthesis"),
                Arguments.of("abs(1 +)", "1:8: parse error: unexpected \")\""),
                Arguments.of("count(foo) without (a) (bar)", "1:24: parse error: unexpected \"(\""),
                Arguments.of("foo bar", "1:5: parse error: unexpected identifier \"bar\""),
                Arguments.of("sum(foo) by", "1:12: parse error: unexpected end of input in grouping opts, expected \"(\""),
                Arguments.of("foo[5m:1m:1m]", "1:10: parse error: unexpected colon ':'"),
                Arguments.of("rate(foo[5m],)", "1:13: parse error: trailing commas not allowed in function call args"),
                Arguments.of("x @ foo", "1:5: parse error: unexpected identifier \"foo\" in @, expected timestamp"),
                Arguments.of("x offset", "1:9: parse error: unexpected end of input in offset, expected duration"),
                Arguments.of("(1 +)", "1:5: parse error: unexpected \")\""),
                Arguments.of("foo{a=\"b\"=}", "1:10: parse error: unexpected \"=\" in label matching, expected \",\" or \"}\""),
                Arguments.of("1 + * 2", "1:5: parse error: unexpected <op:*>"),
                Arguments.of("topk(,foo)", "1:6: parse error: unexpected \",\" in aggregation"),
                Arguments.of("sum(foo,)", "1:8: parse error: trailing commas not allowed in function call args"),
                Arguments.of("foo{a=1}", "1:7: parse error: unexpected character inside braces: '1'"),
                Arguments.of("foo{\"a\"=\"b\"}", "1:5: parse error: unexpected string \"\\\"a\\\"\" in label matching, expected identifier or \"}\""),
                Arguments.of("foo[5m", "1:7: parse error: unclosed left bracket"),
                Arguments.of("foo[]", "1:5: parse error: missing unit character in duration"),
                Arguments.of("foo[5]", "1:5: parse error: missing unit character in duration"),
                Arguments.of("sum by (foo:bar) (x)", "1:9: parse error: unexpected metric identifier \"foo:bar\" in grouping opts, expected label"),
                Arguments.of("foo + on(a b) bar", "1:12: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\""),
                Arguments.of("1 +* 2", "1:4: parse error: unexpected <op:*>"),
                Arguments.of("foo offset 1", "1:12: parse error: unexpected number \"1\" in offset, expected duration"),
                Arguments.of("foo @ start", "1:12: parse error: unexpected end of input in @, expected timestamp"),
                Arguments.of("1 +\n+", "2:2: parse error: unexpected end of input"),
                Arguments.of("", "1:1: parse error: no expression found in input"),
                Arguments.of("rate(foo)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
                Arguments.of("abs(foo[5m])", "1:5: parse error: expected type instant vector in call to function \"abs\", got range vector"),
                Arguments.of("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
                Arguments.of("foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                Arguments.of("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                Arguments.of("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
                Arguments.of("unknown_fn(foo)", "1:1: parse error: unknown function with name \"unknown_fn\""),
                Arguments.of("sum(foo, bar)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"),
                Arguments.of("-\"foo\"", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\""),
                Arguments.of("foo[5m][5m]", "1:8: parse error: ranges only allowed for vector selectors"),
                Arguments.of("(foo)[5m]", "1:6: parse error: ranges only allowed for vector selectors"),
                Arguments.of("rate(foo[5m])[5m]", "1:14: parse error: ranges only allowed for vector selectors"),
                Arguments.of("foo[5m:1m][1m]", "1:11: parse error: ranges only allowed for vector selectors"),
                Arguments.of("foo @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times"),
                Arguments.of("foo[5m] @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times"),
                Arguments.of("foo offset 5m offset 5m", "1:1: parse error: offset may not be set multiple times"),
                Arguments.of("sum(foo) offset 5m", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                Arguments.of("1 + on(a) 2", "1:1: parse error: vector matching only allowed between instant vectors"),
                Arguments.of("foo and on(a) group_left bar", "1:1: parse error: no grouping allowed for \"and\" operation"),
                Arguments.of("foo + on(a) group_left(a) bar", "1:5: parse error: label \"a\" must not occur in ON and GROUP clause at once"),
                Arguments.of("foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators"),
                Arguments.of("\"a\" + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"),
                Arguments.of("time(1)", "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1"),
                Arguments.of("round()", "1:1: parse error: expected at least 1 argument(s) in call to \"round\", got 0"),
                Arguments.of("round(foo, 1, 2)", "1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3"),
                Arguments.of("topk(foo, bar)", "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"),
                Arguments.of("count_values(1, foo)", "1:14: parse error: expected type string in aggregation parameter, got scalar"),
                Arguments.of("sum by (a) (foo) by (b)", "1:18: parse error: unexpected <by>"),
                Arguments.of("(foo", "1:5: parse error: unclosed left parenthesis"),
                Arguments.of("sum(foo", "1:8: parse error: unclosed left parenthesis"),
                Arguments.of("rate(foo[5m]", "1:13: parse error: unclosed left parenthesis"),
                Arguments.of("foo[5m", "1:7: parse error: unclosed left bracket"),
                Arguments.of("foo]", "1:4: parse error: unexpected right bracket ']'"),
                Arguments.of("foo)", "1:5: parse error: unexpected right parenthesis ')'"),
                Arguments.of("foo}", "1:4: parse error: unexpected character: '}'"),
                Arguments.of("foo{a=\"b\"}}", "1:11: parse error: unexpected character: '}'"),
                Arguments.of("foo{", "1:5: parse error: unexpected end of input inside braces"),
                Arguments.of("foo{a=\"b\",", "1:11: parse error: unexpected end of input inside braces"),
                Arguments.of("foo{a=\"b\" c=\"d\"}", "1:11: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\""),
                Arguments.of("foo{a}", "1:6: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                Arguments.of("foo{a=~\"(?=x)\"}", "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsWithPrometheusMessageAndPosition(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertEquals(message, e.getMessage());
        String[] pos = message.split(":", 3);
        assertEquals(Integer.parseInt(pos[0]), e.line());
        assertEquals(Integer.parseInt(pos[1]), e.column());
    }

    static Stream<Arguments> regexErrors() {
        return Stream.of(
                Arguments.of("foo{a=~\"(\"}", "1:5: parse error: error parsing regexp: "),
                Arguments.of("1 +\n  foo{a=~\"[\"}", "2:7: parse error: error parsing regexp: "),
                Arguments.of("foo{a=~\"(a)\\\\1\"}", "1:5: parse error: error parsing regexp: invalid escape sequence"),
                Arguments.of("foo{a=~\"a*+\"}", "1:5: parse error: error parsing regexp: invalid nested repetition operator"));
    }

    /** Go's and Java's regex messages differ after the reason; position and reason must still be right. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("regexErrors")
    void rejectsWhatRe2Rejects(String query, String prefix) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    static Stream<Arguments> deepQueries() {
        return Stream.of(
                Arguments.of("(".repeat(1900) + "1" + ")".repeat(1900)),
                Arguments.of("1" + "+1".repeat(5000)),
                Arguments.of("2" + "^2".repeat(5000)),
                Arguments.of("-".repeat(3000) + "1"),
                Arguments.of("abs(".repeat(1000) + "up" + ")".repeat(1000)));
    }

    /** Nesting beyond vigil.query.max-nesting-depth is a parse error, not a StackOverflowError. */
    @ParameterizedTest
    @MethodSource("deepQueries")
    void tooDeepIsAParseError(String query) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(query));
        assertTrue(e.getMessage().contains("expression nested too deeply: more than 256 levels"), e.getMessage());
    }

    @Test
    void nestingWithinTheLimitParses() {
        Expr e = Parser.parse("(".repeat(120) + "sum(rate(up[5m]))" + " + 1".repeat(100) + ")".repeat(120));
        assertEquals(ValueType.VECTOR, e.type());
    }
}
