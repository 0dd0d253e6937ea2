package dev.vigil.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeTest {
    static final Instant T = Instant.parse("2026-03-07T14:05:09.120Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "2006-01-02 15:04:05 => 2026-03-07 14:05:09",
        "Mon Jan _2 3:04PM => Sat Mar  7 2:05PM",
        "Monday, 02-January-06 => Saturday, 07-March-26",
        "2006-01-02T15:04:05.000Z07:00 => 2026-03-07T14:05:09.120Z",
        "15:04:05.999 MST => 14:05:09.12 UTC",
        "-0700 pm 002 => +0000 pm 066",
    })
    void formatsWithGoLayouts(String layout, String expected) {
        assertEquals(expected, GoTime.format(T, layout));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{{ .T.Format \"2006-01-02\" }} => 2026-03-07",
        "{{ .T.Unix }} => 1772892309",
        "{{ .T }} => 2026-03-07 14:05:09.12 +0000 UTC",
    })
    void timesAreUsableFromTemplates(String text, String expected) {
        assertEquals(expected, new TemplateSet().expand(text, Map.of("T", T)));
    }
}
