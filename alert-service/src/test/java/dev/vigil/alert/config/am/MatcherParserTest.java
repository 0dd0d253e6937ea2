package dev.vigil.alert.config.am;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '`', value = {
        "severity=~\"crit|warn\" ## severity ## REGEX ## crit|warn",
        "env = prod ## env ## EQUAL ## prod",
        "env!=\"\" ## env ## NOT_EQUAL ## ``",
        "job!~\"a.*\" ## job ## NOT_REGEX ## a.*",
        "msg=\"say \\\"hi\\\"\" ## msg ## EQUAL ## say \"hi\"",
        "path=\"a\\\\b\" ## path ## EQUAL ## a\\b",
    })
    void parsesOneMatcher(String text, String name, MatchType type, String value) {
        LabelMatcher m = MatcherParser.parse(text);
        assertEquals(new LabelMatcher(type, name, value == null ? "" : value), m);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ## ", value = {
        "{a=\"1\",b!=\"x,y\"}",
        "a=1, b!=\"x,y\"",
    })
    void parsesListsWithQuotedCommas(String text) {
        assertEquals(List.of(LabelMatcher.equal("a", "1"), new LabelMatcher(MatchType.NOT_EQUAL, "b", "x,y")),
                MatcherParser.parseList(text));
    }
}
