package dev.vigil.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {

    @Test
    void sortsByNameDropsEmptyValuesAndPrintsLikePrometheus() {
        Labels l = Labels.of("job", "node", "__name__", "up", "empty", "");
        assertEquals(2, l.size());
        assertEquals("up{job=\"node\"}", l.toString());
        assertEquals("", l.get("empty"));
        assertTrue(l.find("job").isPresent());
    }

    @ParameterizedTest(name = "{0}{1}\"{2}\" on \"{3}\" -> {4}")
    @CsvSource(delimiter = '|', value = {
            "job|=|node|node|true",
            "job|!=|node|node|false",
            "job|=~|no.*|node|true",
            "job|=~|no|node|false",          // anchored: a partial match is no match
            "job|!~|api|node|true",
            "job|=~|a|b|false",
            "job|=~|.*|''|true",             // absent label matches .*
            "job|=||''|true",
    })
    void matchersAreFullyAnchored(String name, String op, String value, String input, boolean expected) {
        MatchType t = switch (op) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        String v = value == null ? "" : value;
        String in = input == null || input.equals("''") ? "" : input;
        assertEquals(expected, new LabelMatcher(t, name, v).matches(in));
    }

    @Test
    void literalPrefixIsFoundOnlyForPrefixRegexes() {
        assertEquals("kube-", new LabelMatcher(MatchType.REGEX, "ns", "kube-.*").literalPrefix().orElseThrow());
        assertTrue(new LabelMatcher(MatchType.REGEX, "ns", "kube-(a|b)").literalPrefix().isEmpty());
    }
}
