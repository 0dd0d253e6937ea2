package dev.vigil.alert.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Go's {@code time.Time} as templates use it ({@code {{ .StartsAt.Format "2006-01-02 15:04" }}},
 * {@code .Unix}), for instants in UTC. The layout is Go's reference time, Mon Jan 2 15:04:05 MST 2006.
 */
final class GoTime {
    // Longest first, so "January" wins over "Jan" and "2006" over "2".
    private static final List<String> TOKENS = List.of("January", "Monday", "-07:00:00", "Z07:00:00", "-07:00", "Z07:00",
            "-0700", "Z0700", "2006", "Jan", "Mon", "MST", "-07", "Z07", "002", "_2", "01", "02", "03", "04", "05", "06",
            "15", "PM", "pm", "1", "2", "3", "4", "5");

    private GoTime() {
    }

    /** The value of a method or field of a time, empty when Go's time.Time has no such member. */
    static Optional<Object> member(Instant t, String name, List<Object> args) {
        return switch (name) {
            case "Format" -> {
                if (args.size() != 1) {
                    throw new IllegalArgumentException("Format needs one layout argument");
                }
                yield Optional.of(format(t, String.valueOf(args.get(0))));
            }
            case "Unix" -> Optional.of(t.getEpochSecond());
            case "UnixMilli" -> Optional.of(t.toEpochMilli());
            case "UTC", "Local" -> Optional.of(t);
            case "String" -> Optional.of(Humanize.goTime(t));
            case "IsZero" -> Optional.of(t.equals(Instant.parse("0001-01-01T00:00:00Z")));
            default -> Optional.empty();
        };
    }

    /** Formats with a Go layout string. */
    static String format(Instant instant, String layout) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            if ((layout.charAt(i) == '.' || layout.charAt(i) == ',') && i + 1 < layout.length()
                    && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
                char digit = layout.charAt(i + 1);
                int j = i + 1;
                while (j < layout.length() && layout.charAt(j) == digit) {
                    j++;
                }
                // Go only treats the run as a fraction when no digit follows it.
                if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                    String frac = String.format("%09d", t.getNano()).substring(0, Math.min(9, j - i - 1));
                    if (digit == '9') {
                        frac = frac.replaceAll("0+$", "");
                        if (!frac.isEmpty()) {
                            out.append(layout.charAt(i)).append(frac);
                        }
                    } else {
                        out.append(layout.charAt(i)).append(frac);
                    }
                    i = j;
                    continue;
                }
            }
            String token = null;
            for (String candidate : TOKENS) {
                if (layout.startsWith(candidate, i)) {
                    token = candidate;
                    break;
                }
            }
            if (token == null) {
                out.append(layout.charAt(i++));
                continue;
            }
            out.append(render(t, token));
            i += token.length();
        }
        return out.toString();
    }

    private static String render(ZonedDateTime t, String token) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (token) {
            case "January" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Jan" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "Monday" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case "Mon" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "MST" -> "UTC";
            case "2006" -> String.format("%04d", t.getYear());
            case "06" -> String.format("%02d", t.getYear() % 100);
            case "01" -> String.format("%02d", t.getMonthValue());
            case "1" -> Integer.toString(t.getMonthValue());
            case "02" -> String.format("%02d", t.getDayOfMonth());
            case "_2" -> String.format("%2d", t.getDayOfMonth());
            case "2" -> Integer.toString(t.getDayOfMonth());
            case "002" -> String.format("%03d", t.getDayOfYear());
            case "15" -> String.format("%02d", t.getHour());
            case "03" -> String.format("%02d", hour12);
            case "3" -> Integer.toString(hour12);
            case "04" -> String.format("%02d", t.getMinute());
            case "4" -> Integer.toString(t.getMinute());
            case "05" -> String.format("%02d", t.getSecond());
            case "5" -> Integer.toString(t.getSecond());
            case "PM" -> t.getHour() >= 12 ? "PM" : "AM";
            case "pm" -> t.getHour() >= 12 ? "pm" : "am";
            case "Z07:00:00", "Z07:00", "Z0700", "Z07" -> "Z";
            case "-07:00:00" -> "+00:00:00";
            case "-07:00" -> "+00:00";
            case "-0700" -> "+0000";
            case "-07" -> "+00";
            default -> token;
        };
    }
}
