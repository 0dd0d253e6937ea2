package dev.vigil.promql.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RE2 regexes match in Java as they do in Go, and what RE2 rejects is rejected. */
class Re2Test {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "(?P<x>a)b|ab|true",
        "[[:digit:]]+|123|true",
        "[[:alpha:]]+|a1|false",
        "[^[:space:]]+|ab|true",
        "[[]+|[[|true",
        "[a&&b]+|a&b|true",
        "[]a]+|]a|true",
        "(?i)abc|ABC|true",
        "\\Qa.b\\E|a.b|true",
        "\\Qa.b\\E|axb|false",
        "a{2}|aa|true"})
    void matchesLikeRe2(String re2, String input, boolean matches) {
        assertEquals(matches, Pattern.compile("^(?:" + Re2.toJava(re2) + ")$").matcher(input).matches());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(?=a)|invalid or unsupported Perl syntax",
        "(?!a)|invalid or unsupported Perl syntax",
        "(?<=a)b|invalid or unsupported Perl syntax",
        "(?>a)|invalid or unsupported Perl syntax",
        "(a)\\1|invalid escape sequence",
        "a*+|invalid nested repetition operator",
        "a{2}+|invalid nested repetition operator",
        "[[:nope:]]|invalid character class range",
        "(|Unclosed group"})
    void rejectsWhatRe2Rejects(String re2, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Re2.toJava(re2));
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }
}
