package dev.vigil.alert.functions;

import dev.vigil.gotemplate.GoFormat;
import dev.vigil.gotemplate.GoTime;
import java.time.Instant;

/**
 * Prometheus' humanize functions ({@code template/template.go}), digit for digit: SI and binary
 * prefixes with {@code %.4g}, durations as {@code 1d 2h 3m 4s}, percentages, timestamps.
 */
public final class Humanize {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {
    }

    private static String g4(double v) {
        return GoFormat.formatFloat(v, 'g', 4);
    }

    /** {@code humanize}: 1234567 → "1.235M", 0.001 → "1m". */
    public static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix;
    }

    /** {@code humanize1024}: 1048576 → "1Mi". */
    public static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    /** {@code humanizeDuration} of seconds: 93784 → "1d 2h 3m 4s", 0.25 → "250ms". */
    public static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 60 / 60) % 24;
            long days = duration / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    /** {@code humanizePercentage}: 0.1234 → "12.34%". */
    public static String humanizePercentage(double v) {
        return g4(v * 100) + "%";
    }

    /** {@code humanizeTimestamp} of Unix seconds, printed as Go prints a UTC time. */
    public static String humanizeTimestamp(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return GoTime.string(toTime(v));
    }

    /**
     * Unix seconds to an instant with millisecond precision, as Prometheus' floatToTime does via
     * {@code model.TimeFromUnixNano}.
     */
    public static Instant toTime(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v * 1e9) >= Long.MAX_VALUE) {
            throw new IllegalArgumentException(GoFormat.print(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long nanos = (long) (v * 1e9);
        return Instant.ofEpochMilli(nanos / 1_000_000);
    }
}
