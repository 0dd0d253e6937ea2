package dev.vigil.promql.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL durations ({@code 1h30m}, {@code 500ms}, {@code 2w}) to and from milliseconds, as Prometheus's model.Duration. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNITS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};
    private static final String[] NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private Durations() {
    }

    /** Milliseconds of a duration string; units must come in descending order. */
    public static long parse(String s) {
        Matcher m = FORMAT.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: " + Printer.quote(s));
        }
        long total = 0;
        try {
            for (int k = 0; k < UNITS.length; k++) {
                if (m.group(k + 1) != null) {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(k + 1)), UNITS[k]));
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // more milliseconds than a long holds, as Prometheus's model.ParseDuration says it
            throw new IllegalArgumentException("duration out of range");
        }
        return total;
    }

    /** Canonical form, largest units first: {@code 5400000 -> "1h30m"}, {@code 0 -> "0s"}. */
    public static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = ms;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        for (int k = 0; k < UNITS.length; k++) {
            // Years and weeks only when exact: 90d reads better than 12w6d.
            if (k < 2 && rest % UNITS[k] != 0) {
                continue;
            }
            long n = rest / UNITS[k];
            if (n > 0) {
                sb.append(n).append(NAMES[k]);
                rest -= n * UNITS[k];
            }
        }
        return sb.toString();
    }
}
