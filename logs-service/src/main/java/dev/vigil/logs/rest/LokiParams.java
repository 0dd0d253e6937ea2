package dev.vigil.logs.rest;

import dev.vigil.model.DecimalTime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Loki API parameters as Loki does: times as Unix nanoseconds (an integer), Unix seconds
 * (with a fraction) or RFC 3339; steps and durations as Go durations or float seconds.
 */
final class LokiParams {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)");

    private LokiParams() {
    }

    static long timeNanos(String name, String value, long dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            if (value.matches("-?\\d+")) {
                // Loki: an integer with more than 10 digits is nanoseconds, else seconds.
                long n = Long.parseLong(value);
                return value.replace("-", "").length() > 10 ? n : Math.multiplyExact(n, 1_000_000_000L);
            }
            OptionalLong ns = DecimalTime.parse(value, 9);
            if (ns.isPresent()) {
                return ns.getAsLong();
            }
            OffsetDateTime t = OffsetDateTime.parse(value);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw LokiError.badRequest("invalid " + name + " parameter: cannot parse \"" + value + "\" as a timestamp");
        }
    }

    static long durationNanos(String name, String value) {
        try {
            return Math.round(Double.parseDouble(value) * 1e9);
        } catch (NumberFormatException e) {
            // Go duration below
        }
        Matcher m = DURATION.matcher(value);
        long total = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                case "w" -> 604_800_000_000_000L;
                default -> 31_536_000_000_000_000L;
            };
            total += Math.round(n * unit);
            pos = m.end();
        }
        if (pos == 0 || pos != value.length()) {
            throw LokiError.badRequest("invalid " + name + " parameter: cannot parse \"" + value + "\" as a duration");
        }
        return total;
    }

    static int limit(String value, int dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw LokiError.badRequest("limit must be a positive value");
            }
            return n;
        } catch (NumberFormatException e) {
            throw LokiError.badRequest("invalid limit parameter: cannot parse \"" + value + "\"");
        }
    }
}
