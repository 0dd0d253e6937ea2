package dev.vigil.model.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected values are what Go's regexp package gives for the same calls. */
class GoRegexpTest {

    @Test
    void nestedQuantifiersAnswerWithoutBacktracking() {
        // java.util.regex needs exponential time for this input; RE2 is linear
        String input = "a".repeat(5_000) + "b";
        assertFalse(GoRegexp.anchored("(a+){1,40}").matches(input));
        assertFalse(GoRegexp.compile("(a+?)+?c$").find(input));
        assertTrue(GoRegexp.compile("(a+){1,40}b$").find(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a(?=b)|error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
            "a(?!b)|error parsing regexp: invalid or unsupported Perl syntax: `(?!`",
            "(a)\\1|error parsing regexp: invalid escape sequence: `\\1`",
            "a**|error parsing regexp: invalid nested repetition operator: `**`",
            "x{1001}|error parsing regexp: invalid repeat count: `{1001}`",
    })
    void rejectsWhatRe2RejectsWithGosMessage(String expr, String message) {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> GoRegexp.compile(expr));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "(?P<x>a)b|ab|true",
            "(?<x>a)b|ab|true",
            "[[:digit:]]+|123|true",
            "[[:alpha:]]+|a1|false",
            "[^[:space:]]+|ab|true",
            "[[]+|[[|true",
            "[a&&b]+|a&b|true",
            "[]a]+|]a|true",
            "(?i)abc|ABC|true",
            "\\Qa.b\\E|a.b|true",
            "\\Qa.b\\E|axb|false",
            "a{2}|aa|true",
            "\\d+|١٢|false",        // \d is ASCII only, as in Go
            "\\pN+|١٢|true"})
    void anchoredMatchesLikeGo(String re2, String input, boolean matches) {
        assertEquals(matches, GoRegexp.anchored(re2).matches(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a*+|invalid nested repetition operator",
            "a{2}+|invalid nested repetition operator",
            "[[:nope:]]|invalid character class range",
            "(|missing closing )",
            "[a|missing closing ]",
            "\\|trailing backslash at end of expression"})
    void reasonsAreGos(String re2, String reason) {
        assertEquals(reason, assertThrows(RegexSyntaxException.class, () -> GoRegexp.compile(re2)).reason());
    }

    @Test
    void lookBehindIsRejected() {
        for (String expr : new String[]{"(?<=a)b", "(?<!a)b", "(?>a)"}) {
            RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> GoRegexp.compile(expr), expr);
            assertTrue(e.getMessage().startsWith("error parsing regexp: "), e.getMessage());
        }
    }

    @Test
    void anchoredErrorsShowTheAnchoredFragmentAsPrometheusDoes() {
        RegexSyntaxException e = assertThrows(RegexSyntaxException.class, () -> GoRegexp.anchored("foo("));
        assertEquals("error parsing regexp: missing closing ): `^(?:foo()$`", e.getMessage());
        assertEquals("missing closing )", e.reason());
    }

    @Test
    void goSyntaxThatJavaSpellsDifferently() {
        assertTrue(GoRegexp.anchored("[[:alpha:]]+[[:digit:]]").matches("abc1"));
        assertTrue(GoRegexp.anchored("\\Q.*\\E").matches(".*"));
        assertFalse(GoRegexp.anchored("\\Q.*\\E").matches("ab"));
        assertTrue(GoRegexp.anchored("[]a]+").matches("]a"));
        assertFalse(GoRegexp.anchored("a.b").matches("a\nb"), "'.' does not match a newline by default");
        assertTrue(GoRegexp.anchored("(?s)a.b").matches("a\nb"));
        assertTrue(GoRegexp.anchored("(?i)ÄB").matches("äb"));
    }

    @Test
    void namedGroupsAndSubmatches() {
        GoRegexp re = GoRegexp.compile("(?P<host>[^:]+):(?P<port_no>\\d+)|(x)");
        assertEquals(3, re.groupCount());
        assertEquals("host", re.groupName(1));
        assertEquals("port_no", re.groupName(2));
        assertEquals("", re.groupName(3));
        assertArrayEquals(new String[]{"node-1:9100", "node-1", "9100", null}, re.submatch("node-1:9100"));
        assertNull(re.submatch("::"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // template | expanded (group 1 = "node-1", group 2 = "9100", named host/port)
            "$1|node-1",
            "${1}x|node-1x",
            "$1x|''",                  // Go reads the name "1x", which is no group
            "$host-$port|node-1-9100",
            "${host}_$2|node-1_9100",
            "$$1|$1",
            "$|$",
            "${1|${1",                 // no closing brace: the dollar is text
            "$01|''",                  // a leading zero makes it a name, and there is no such group
            "$9|''",
            "a\\$1|a\\node-1",         // a backslash is not an escape in Go templates
    })
    void expandFollowsGo(String template, String expected) {
        GoRegexp re = GoRegexp.anchored("(?P<host>[^:]+):(?P<port>\\d+)");
        assertEquals(expected, re.expandFirst(template, "node-1:9100"));
    }

    @Test
    void expandOfNoMatchIsNull() {
        assertNull(GoRegexp.anchored("(a)").expandFirst("$1", "b"));
    }

    @Test
    void replaceAllSkipsAnEmptyMatchRightAfterAMatch() {
        assertEquals("-b-c-", GoRegexp.compile("a*").replaceAll("baaac", "-"));
        assertEquals("xbxcx", GoRegexp.compile("a*").replaceAllLiteral("baaac", "x"));
        assertEquals("<b>-<c>", GoRegexp.compile("(\\w)").replaceAll("b-c", "<$1>"));
        assertEquals("$1-$1", GoRegexp.compile("\\w").replaceAllLiteral("b-c", "$1"));
        assertEquals("ä-ö-", GoRegexp.compile("x*").replaceAll("äö", "-").substring(1));
    }
}
