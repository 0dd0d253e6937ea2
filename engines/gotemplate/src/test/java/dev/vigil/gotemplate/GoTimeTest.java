package dev.vigil.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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

    /** 2026-03-07 14:05:09.12 at +05:30 (India), to show offsets that are not UTC. */
    static final ZonedDateTime IST = T.atZone(ZoneOffset.ofHoursMinutes(5, 30));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "Jan _2 => Mar  7",
        "002 __2 => 066  66",
        "-07 => +05",
        "Z07:00:00 => +05:30:00",
        "-07:00:00 -070000 Z070000 => +05:30:00 +053000 +053000",
        "Z07 Z0700 Z07:00 => +05 +0530 +05:30",
        "2006-01-02T15:04:05.000000Z07:00 => 2026-03-07T19:35:09.120000+05:30",
        "3:04:05 pm MST => 7:35:09 pm +0530",
    })
    void formatsOffsetsAndDayLayoutsAsGoDoes(String layout, String expected) {
        assertEquals(expected, GoTime.format(IST, layout));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "Z07:00:00 => Z",
        "-07 => +00",
        "Z07 => Z",
        "_2/002 => ' 7/066'",
    })
    void utcWritesZForZLayouts(String layout, String expected) {
        assertEquals(expected, GoTime.format(T, layout));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiterString = " | ", value = {
        "2006-01-02T15:04:05Z07:00 | 2026-03-07T19:35:09+05:30 | 2026-03-07T19:35:09+05:30",
        "2006-01-02T15:04:05.999999999Z07:00 | 2026-03-07T14:05:09.12Z | 2026-03-07T14:05:09.120Z",
        "Jan _2 15:04:05 2006 | Mar  7 14:05:09 2026 | 2026-03-07T14:05:09Z",
        "2006 002 15:04 | 2026 066 14:05 | 2026-03-07T14:05Z",
        "2006-01-02 15:04:05 -07 | 2026-03-07 14:05:09 -03 | 2026-03-07T14:05:09-03:00",
        "2006-01-02 15:04:05 Z07:00:00 | 2026-03-07 14:05:09 +05:30:00 | 2026-03-07T14:05:09+05:30",
        "02 Jan 06 3:04PM | 07 Mar 26 2:05PM | 2026-03-07T14:05Z",
        "2006-01-02 15:04:05 | 2026-03-07 14:05:09.5 | 2026-03-07T14:05:09.500Z",
    })
    void parsesGoLayouts(String layout, String value, String iso) {
        assertEquals(ZonedDateTime.parse(iso).toInstant(), GoTime.parse(layout, value).toInstant());
        assertEquals(ZonedDateTime.parse(iso).getOffset(), GoTime.parse(layout, value).getOffset());
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiterString = " | ", value = {
        "2006-01-02 | 2026-13-01 | month out of range",
        "2006-01-02 | 2026-02-30 | day out of range",
        "2006-01-02 | 26-03-07 | cannot parse",
        "2006-01-02 | 2026-03-07x | extra text",
        "15:04 Z07:00 | 14:05 +0530 | cannot parse",
    })
    void refusesValuesThatDoNotFitTheLayout(String layout, String value, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoTime.parse(layout, value));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
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
