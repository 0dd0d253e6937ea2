package dev.vigil.gotemplate;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Go's {@code time.Time} for templates: {@code Format} and {@code Parse} with Go layouts (the
 * reference time Mon Jan 2 15:04:05 MST 2006, written in the form wanted), {@code String()}, and
 * the methods templates call on a time ({@code .StartsAt.Format "..."}, {@code .Unix}). Times are
 * {@link Instant}s (UTC) or {@link ZonedDateTime}s (a fixed offset, as Go keeps the offset a
 * parsed value carried).
 */
public final class GoTime {
    // Longest first, so "January" wins over "Jan", "2006" over "2" and "-070000" over "-07".
    private static final List<String> TOKENS = List.of("January", "Monday", "-07:00:00", "Z07:00:00", "-070000",
            "Z070000", "-07:00", "Z07:00", "-0700", "Z0700", "2006", "Jan", "Mon", "MST", "-07", "Z07", "__2", "002",
            "_2", "01", "02", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5");

    private GoTime() {
    }

    /** Go's {@code Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    public static String string(Object time) {
        return format(zoned(time), "2006-01-02 15:04:05.999999999 -0700 MST");
    }

    /** Formats an {@link Instant} (in UTC) with a Go layout. */
    public static String format(Instant instant, String layout) {
        return format(instant.atZone(ZoneOffset.UTC), layout);
    }

    /** Formats with a Go layout, in the time's own offset. */
    public static String format(ZonedDateTime t, String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int fracEnd = fractionEnd(layout, i);
            if (fracEnd > 0) {
                char digit = layout.charAt(i + 1);
                String frac = String.format("%09d", t.getNano()).substring(0, Math.min(9, fracEnd - i - 1));
                if (digit == '9') {
                    frac = frac.replaceAll("0+$", "");
                    if (!frac.isEmpty()) {
                        out.append(layout.charAt(i)).append(frac);
                    }
                } else {
                    out.append(layout.charAt(i)).append(frac);
                }
                i = fracEnd;
                continue;
            }
            String token = token(layout, i);
            if (token == null) {
                out.append(layout.charAt(i++));
                continue;
            }
            out.append(render(t, token));
            i += token.length();
        }
        return out.toString();
    }

    /** Where a fractional-second run ({@code .000}, {@code ,999}) starting at {@code i} ends; -1 when none does. */
    private static int fractionEnd(String layout, int i) {
        if (i + 1 >= layout.length() || (layout.charAt(i) != '.' && layout.charAt(i) != ',')
                || (layout.charAt(i + 1) != '0' && layout.charAt(i + 1) != '9')) {
            return -1;
        }
        char digit = layout.charAt(i + 1);
        int j = i + 1;
        while (j < layout.length() && layout.charAt(j) == digit) {
            j++;
        }
        // Go only treats the run as a fraction when no digit follows it.
        return j >= layout.length() || !Character.isDigit(layout.charAt(j)) ? j : -1;
    }

    private static String token(String layout, int i) {
        for (String candidate : TOKENS) {
            if (layout.startsWith(candidate, i)) {
                return candidate;
            }
        }
        return null;
    }

    private static String render(ZonedDateTime t, String token) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int offset = t.getOffset().getTotalSeconds();
        return switch (token) {
            case "January" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Jan" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "Monday" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Mon" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            // Go prints the zone's abbreviation; a bare offset has none, and Go then writes -0700.
            case "MST" -> offset == 0 ? "UTC" : offset(offset, false, false, false);
            case "2006" -> String.format("%04d", t.getYear());
            case "06" -> String.format("%02d", Math.floorMod(t.getYear(), 100));
            case "01" -> String.format("%02d", t.getMonthValue());
            case "1" -> Integer.toString(t.getMonthValue());
            case "02" -> String.format("%02d", t.getDayOfMonth());
            case "_2" -> String.format("%2d", t.getDayOfMonth());
            case "2" -> Integer.toString(t.getDayOfMonth());
            case "002" -> String.format("%03d", t.getDayOfYear());
            case "__2" -> String.format("%3d", t.getDayOfYear());
            case "15" -> String.format("%02d", t.getHour());
            case "03" -> String.format("%02d", hour12);
            case "3" -> Integer.toString(hour12);
            case "04" -> String.format("%02d", t.getMinute());
            case "4" -> Integer.toString(t.getMinute());
            case "05" -> String.format("%02d", t.getSecond());
            case "5" -> Integer.toString(t.getSecond());
            case "PM" -> t.getHour() >= 12 ? "PM" : "AM";
            case "pm" -> t.getHour() >= 12 ? "pm" : "am";
            default -> zone(token, offset);
        };
    }

    /** The ISO 8601 offsets: {@code Z...} tokens write "Z" for UTC, {@code -...} tokens always write digits. */
    private static String zone(String token, int offset) {
        if (token.startsWith("Z") && offset == 0) {
            return "Z";
        }
        String shape = token.substring(1);
        return switch (shape) {
            case "07" -> offset(offset, false, false, true);
            case "0700" -> offset(offset, false, false, false);
            case "07:00" -> offset(offset, true, false, false);
            case "070000" -> offset(offset, false, true, false);
            case "07:00:00" -> offset(offset, true, true, false);
            default -> token;
        };
    }

    private static String offset(int seconds, boolean colons, boolean withSeconds, boolean hoursOnly) {
        int a = Math.abs(seconds);
        StringBuilder sb = new StringBuilder(seconds < 0 ? "-" : "+").append(String.format("%02d", a / 3600));
        if (hoursOnly) {
            return sb.toString();
        }
        sb.append(colons ? ":" : "").append(String.format("%02d", a / 60 % 60));
        if (withSeconds) {
            sb.append(colons ? ":" : "").append(String.format("%02d", a % 60));
        }
        return sb.toString();
    }

    /**
     * Go's {@code time.Parse}: reads {@code value} in {@code layout}. Fields the layout lacks take
     * Go's defaults (year 0, January 1, midnight, UTC); a value with an offset keeps it.
     *
     * @throws IllegalArgumentException with Go's message when the value does not fit the layout
     */
    public static ZonedDateTime parse(String layout, String value) {
        return new GoTimeParser(layout, value).parse();
    }

    /** The value of a method or field of a time, empty when Go's time.Time has no such member. */
    static Optional<Object> member(Object time, String name, List<Object> args) {
        ZonedDateTime t = zoned(time);
        return switch (name) {
            case "Format" -> {
                if (args.size() != 1) {
                    throw new IllegalArgumentException("Format needs one layout argument");
                }
                yield Optional.of(format(t, String.valueOf(args.get(0))));
            }
            case "Unix" -> Optional.of(t.toEpochSecond());
            case "UnixMilli" -> Optional.of(t.toInstant().toEpochMilli());
            case "UnixNano" -> Optional.of(t.toEpochSecond() * 1_000_000_000L + t.getNano());
            case "UTC" -> Optional.of(t.toInstant());
            case "Local" -> Optional.of(time);
            case "String" -> Optional.of(string(t));
            case "Year" -> Optional.of((long) t.getYear());
            case "YearDay" -> Optional.of((long) t.getDayOfYear());
            case "Day" -> Optional.of((long) t.getDayOfMonth());
            case "Hour" -> Optional.of((long) t.getHour());
            case "Minute" -> Optional.of((long) t.getMinute());
            case "Second" -> Optional.of((long) t.getSecond());
            case "Nanosecond" -> Optional.of((long) t.getNano());
            case "IsZero" -> Optional.of(t.toInstant().equals(Instant.parse("0001-01-01T00:00:00Z")));
            default -> Optional.empty();
        };
    }

    static boolean isTime(Object v) {
        return v instanceof Instant || v instanceof ZonedDateTime;
    }

    private static ZonedDateTime zoned(Object time) {
        if (time instanceof ZonedDateTime z) {
            return z;
        }
        return ((Instant) time).atZone(ZoneOffset.UTC);
    }

    /** One run of {@link #parse}: a cursor over the value while walking the layout. */
    private static final class GoTimeParser {
        private final String layout;
        private final String value;
        private int v;
        private int year;
        private int month = -1;
        private int day = -1;
        private int yday = -1;
        private int hour;
        private int minute;
        private int second;
        private int nano;
        private boolean pm;
        private boolean pmSet;
        private ZoneId zone = ZoneOffset.UTC;

        GoTimeParser(String layout, String value) {
            this.layout = layout;
            this.value = value;
        }

        ZonedDateTime parse() {
            int i = 0;
            while (i < layout.length()) {
                int fracEnd = fractionEnd(layout, i);
                if (fracEnd > 0) {
                    fraction(layout.charAt(i + 1) == '9', fracEnd - i - 1, layout.substring(i, fracEnd));
                    i = fracEnd;
                    continue;
                }
                String token = token(layout, i);
                if (token == null) {
                    if (v >= value.length() || value.charAt(v) != layout.charAt(i)) {
                        throw cannot(layout.substring(i, i + 1));
                    }
                    v++;
                    i++;
                    continue;
                }
                field(token);
                i += token.length();
                // Go accepts a fraction right after the seconds even when the layout has none.
                if ((token.equals("05") || token.equals("5")) && fractionEnd(layout, i) < 0 && v + 1 < value.length()
                        && value.charAt(v) == '.' && Character.isDigit(value.charAt(v + 1))) {
                    fraction(false, -1, token);
                }
            }
            if (v < value.length()) {
                throw new IllegalArgumentException(
                        "parsing time " + GoFormat.quote(value) + ": extra text: " + GoFormat.quote(value.substring(v)));
            }
            return build();
        }

        private ZonedDateTime build() {
            if (pmSet) {
                if (pm && hour < 12) {
                    hour += 12;
                } else if (!pm && hour == 12) {
                    hour = 0;
                }
            }
            try {
                LocalDate date;
                if (yday >= 0) {
                    date = LocalDate.ofYearDay(year, yday);
                    if ((month >= 0 && month != date.getMonthValue()) || (day >= 0 && day != date.getDayOfMonth())) {
                        throw new IllegalArgumentException(outOfRange("day-of-year"));
                    }
                } else {
                    date = LocalDate.of(year, month < 0 ? 1 : month, day < 0 ? 1 : day);
                }
                return date.atTime(hour, minute, second, nano).atZone(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(outOfRange(day > 28 ? "day" : "value"));
            }
        }

        private String outOfRange(String what) {
            return "parsing time " + GoFormat.quote(value) + ": " + what + " out of range";
        }

        private IllegalArgumentException cannot(String element) {
            return new IllegalArgumentException("parsing time " + GoFormat.quote(value) + " as " + GoFormat.quote(layout)
                    + ": cannot parse " + GoFormat.quote(value.substring(Math.min(v, value.length()))) + " as "
                    + GoFormat.quote(element));
        }

        private void field(String token) {
            switch (token) {
                case "2006" -> year = digits(token, 4, 4);
                case "06" -> {
                    int y = digits(token, 2, 2);
                    year = y >= 69 ? 1900 + y : 2000 + y;
                }
                case "01" -> month = range(token, digits(token, 2, 2), 1, 12);
                case "1" -> month = range(token, digits(token, 1, 2), 1, 12);
                case "January", "Jan" -> month = name(token, token.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, true);
                case "Monday", "Mon" -> name(token, token.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, false);
                case "02" -> day = digits(token, 2, 2);
                case "_2" -> {
                    if (v < value.length() && value.charAt(v) == ' ') {
                        v++;
                    }
                    day = digits(token, 1, 2);
                }
                case "2" -> day = digits(token, 1, 2);
                case "002" -> yday = range(token, digits(token, 3, 3), 1, 366);
                case "__2" -> {
                    while (v < value.length() && value.charAt(v) == ' ') {
                        v++;
                    }
                    yday = range(token, digits(token, 1, 3), 1, 366);
                }
                case "15" -> hour = range(token, digits(token, 1, 2), 0, 23);
                case "03" -> hour = range(token, digits(token, 2, 2), 1, 12);
                case "3" -> hour = range(token, digits(token, 1, 2), 1, 12);
                case "04" -> minute = range(token, digits(token, 2, 2), 0, 59);
                case "4" -> minute = range(token, digits(token, 1, 2), 0, 59);
                case "05" -> second = range(token, digits(token, 2, 2), 0, 59);
                case "5" -> second = range(token, digits(token, 1, 2), 0, 59);
                case "PM", "pm" -> {
                    String am = token.equals("PM") ? "AM" : "am";
                    String p = token;
                    if (value.startsWith(p, v)) {
                        pm = true;
                    } else if (!value.startsWith(am, v)) {
                        throw cannot(token);
                    }
                    pmSet = true;
                    v += 2;
                }
                case "MST" -> zoneName();
                default -> offset(token);
            }
        }

        private int digits(String token, int min, int max) {
            int start = v;
            while (v < value.length() && v - start < max && Character.isDigit(value.charAt(v))) {
                v++;
            }
            if (v - start < min) {
                v = start;
                throw cannot(token);
            }
            return Integer.parseInt(value.substring(start, v));
        }

        private int range(String token, int n, int lo, int hi) {
            if (n < lo || n > hi) {
                throw new IllegalArgumentException(outOfRange(switch (token) {
                    case "01", "1" -> "month";
                    case "002", "__2" -> "day-of-year";
                    default -> "hour/minute/second";
                }));
            }
            return n;
        }

        private int name(String token, TextStyle style, boolean months) {
            int count = months ? 12 : 7;
            for (int k = 1; k <= count; k++) {
                String n = months ? java.time.Month.of(k).getDisplayName(style, Locale.ENGLISH)
                        : java.time.DayOfWeek.of(k).getDisplayName(style, Locale.ENGLISH);
                if (value.regionMatches(true, v, n, 0, n.length())) {
                    v += n.length();
                    return k;
                }
            }
            throw cannot(token);
        }

        private void zoneName() {
            int start = v;
            while (v < value.length() && Character.isUpperCase(value.charAt(v))) {
                v++;
            }
            if (v - start < 3) {
                v = start;
                throw cannot("MST");
            }
            // Go cannot know an abbreviation's offset either: it fabricates a zone at offset 0.
        }

        private void offset(String token) {
            if (token.startsWith("Z") && v < value.length() && value.charAt(v) == 'Z') {
                v++;
                zone = ZoneOffset.UTC;
                return;
            }
            String shape = token.substring(1);
            if (v >= value.length() || (value.charAt(v) != '+' && value.charAt(v) != '-')) {
                throw cannot(token);
            }
            int sign = value.charAt(v++) == '-' ? -1 : 1;
            int h = digits(token, 2, 2);
            int m = 0;
            int s = 0;
            if (!shape.equals("07")) {
                if (shape.contains(":")) {
                    expect(':', token);
                }
                m = digits(token, 2, 2);
                if (shape.length() > 5) {
                    if (shape.contains(":")) {
                        expect(':', token);
                    }
                    s = digits(token, 2, 2);
                }
            }
            try {
                zone = ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60 + s));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(outOfRange("time zone offset"));
            }
        }

        private void expect(char c, String token) {
            if (v >= value.length() || value.charAt(v) != c) {
                throw cannot(token);
            }
            v++;
        }

        /** A fraction of {@code n} digits ({@code .000}), or of any length when {@code n} is -1 or optional. */
        private void fraction(boolean optional, int n, String token) {
            if (v >= value.length() || (value.charAt(v) != '.' && value.charAt(v) != ',')) {
                if (optional) {
                    return;
                }
                throw cannot(token);
            }
            int start = ++v;
            while (v < value.length() && Character.isDigit(value.charAt(v)) && (optional || n < 0 || v - start < n)) {
                v++;
            }
            int len = v - start;
            if (len == 0 || (!optional && n >= 0 && len != n)) {
                throw cannot(token);
            }
            String digits = value.substring(start, v);
            nano = Integer.parseInt((digits + "000000000").substring(0, 9));
        }
    }
}
