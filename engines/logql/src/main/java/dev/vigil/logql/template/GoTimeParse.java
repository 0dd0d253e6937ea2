package dev.vigil.logql.template;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Parses a time with a Go reference layout by translating the layout to a {@link DateTimeFormatter} pattern. */
final class GoTimeParse {
    private GoTimeParse() {
    }

    static ZonedDateTime parse(String layout, String value) {
        StringBuilder p = new StringBuilder();
        int i = 0;
        String[][] map = {{"2006", "uuuu"}, {"January", "MMMM"}, {"Jan", "MMM"}, {"Monday", "EEEE"}, {"Mon", "EEE"},
            {"Z07:00", "XXX"}, {"-07:00", "xxx"}, {"Z0700", "XX"}, {"-0700", "xx"}, {"MST", "z"}, {"01", "MM"},
            {"02", "dd"}, {"06", "uu"}, {"15", "HH"}, {"03", "hh"}, {"04", "mm"}, {"05", "ss"}, {"PM", "a"},
            {".000000000", ".SSSSSSSSS"}, {".000000", ".SSSSSS"}, {".000", ".SSS"}};
        outer:
        while (i < layout.length()) {
            for (String[] m : map) {
                if (layout.startsWith(m[0], i)) {
                    p.append(m[1]);
                    i += m[0].length();
                    continue outer;
                }
            }
            char c = layout.charAt(i++);
            if (Character.isLetter(c)) {
                p.append('\'').append(c).append('\'');
            } else {
                p.append(c);
            }
        }
        try {
            DateTimeFormatter f = new DateTimeFormatterBuilder().appendPattern(p.toString())
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                    .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                    .toFormatter(Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);
            return ZonedDateTime.parse(value, f);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TemplateException("template: cannot parse \"" + value + "\" as \"" + layout + "\"");
        }
    }
}
