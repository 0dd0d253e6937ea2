package dev.vigil.metrics.rest;

import dev.vigil.model.DecimalTime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Prometheus API parameters: times (Unix seconds or RFC 3339) and durations. */
final class Params {
    /** Prometheus's minimum and maximum query times (in ms), used when start/end are absent. */
    static final long MIN_TIME = -9223309901257974L;
    static final long MAX_TIME = 9223309901257974L;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

    private Params() {
    }

    static long time(String name, String value, long dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            OptionalLong ms = DecimalTime.parse(value, 3);
            if (ms.isPresent()) {
                return ms.getAsLong();
            }
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (ArithmeticException | DateTimeParseException e) {
            throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    /** A step or timeout: float seconds ("15", "0.5") or a Prometheus duration ("1m30s"). */
    static long duration(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"\" to a valid duration");
        }
        try {
            double secs = Double.parseDouble(value);
            if (Double.isNaN(secs) || Double.isInfinite(secs)) {
                throw new NumberFormatException();
            }
            return Math.round(secs * 1000);
        } catch (NumberFormatException e) {
            // a duration string
        }
        Matcher m = DURATION.matcher(value);
        long total = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 604_800_000L;
                default -> 31_536_000_000L;
            };
            pos = m.end();
        }
        if (pos != value.length() || pos == 0) {
            throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid duration");
        }
        return total;
    }
}
