package dev.vigil.alert.config.am;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses one element of a time interval in Alertmanager's notation, with its error messages. */
final class TimeSpecParser {
    private static final Pattern CLOCK = Pattern.compile("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$");
    private static final List<String> WEEKDAYS =
            List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");

    private TimeSpecParser() {
    }

    static TimeSpec parse(YamlNode n) {
        return new TimeSpec(
                n.get("times").mapList(TimeSpecParser::timeRange),
                n.get("weekdays").mapList(w -> range(w, "weekday", TimeSpecParser::weekday)),
                n.get("days_of_month").mapList(TimeSpecParser::dayOfMonthRange),
                n.get("months").mapList(m -> range(m, "month", TimeSpecParser::month)),
                n.get("years").mapList(y -> range(y, "year", TimeSpecParser::year)),
                location(n.get("location")));
    }

    private static TimeSpec.Range timeRange(YamlNode n) {
        n.allowOnly(java.util.Set.of("start_time", "end_time"));
        int start = clock(n.get("start_time"));
        int end = clock(n.get("end_time"));
        if (start >= end) {
            throw n.error("start time cannot be equal or greater than end time");
        }
        return new TimeSpec.Range(start, end);
    }

    private static int clock(YamlNode n) {
        String s = n.string().orElseThrow(() -> n.error("missing time"));
        if (!CLOCK.matcher(s).matches()) {
            throw n.error("couldn't parse timestamp " + s + ", invalid format");
        }
        return Integer.parseInt(s.substring(0, 2)) * 60 + Integer.parseInt(s.substring(3));
    }

    private interface Part {
        int parse(YamlNode where, String text);
    }

    private static TimeSpec.Range range(YamlNode n, String what, Part part) {
        String s = n.string().orElseThrow(() -> n.error("expected a " + what + " range"));
        String[] bounds = s.split(":", -1);
        if (bounds.length > 2) {
            throw n.error("invalid " + what + " range " + s);
        }
        int begin = part.parse(n, bounds[0].strip());
        int end = bounds.length == 2 ? part.parse(n, bounds[1].strip()) : begin;
        if (begin > end) {
            throw n.error("start " + what + " cannot be after end " + what + ": " + s);
        }
        return new TimeSpec.Range(begin, end);
    }

    private static int weekday(YamlNode n, String s) {
        int i = WEEKDAYS.indexOf(s.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw n.error(s + " is not a valid weekday");
        }
        return i;
    }

    private static int month(YamlNode n, String s) {
        int i = MONTHS.indexOf(s.toLowerCase(Locale.ROOT));
        if (i >= 0) {
            return i + 1;
        }
        int m = number(n, s, "month");
        if (m < 1 || m > 12) {
            throw n.error(s + " is not a valid month");
        }
        return m;
    }

    private static int year(YamlNode n, String s) {
        int y = number(n, s, "year");
        if (y < 1) {
            throw n.error(s + " is not a valid year");
        }
        return y;
    }

    private static int number(YamlNode n, String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw n.error(s + " is not a valid " + what);
        }
    }

    private static TimeSpec.Range dayOfMonthRange(YamlNode n) {
        String s = n.string().orElseThrow(() -> n.error("expected a day of month range"));
        String[] bounds = s.split(":", -1);
        if (bounds.length > 2) {
            throw n.error("invalid day of month range " + s);
        }
        int begin = number(n, bounds[0].strip(), "day of month");
        int end = bounds.length == 2 ? number(n, bounds[1].strip(), "day of month") : begin;
        for (int d : new int[] {begin, end}) {
            if (d == 0 || d < -31 || d > 31) {
                throw n.error(d + " is not a valid day of the month: out of range");
            }
        }
        // Ranges with both ends on the same side of zero must be ordered; mixed signs are resolved per month.
        if ((begin > 0) == (end > 0) && begin > end) {
            throw n.error("end day must be greater than start day: " + s);
        }
        return new TimeSpec.Range(begin, end);
    }

    private static ZoneId location(YamlNode n) {
        String s = n.string("UTC");
        if (s.equals("Local")) {
            return ZoneId.systemDefault();
        }
        if (s.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(s, Map.of());
        } catch (DateTimeException e) {
            throw n.error("unknown time zone " + s);
        }
    }
}
