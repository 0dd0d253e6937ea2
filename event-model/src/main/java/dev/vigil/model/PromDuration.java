package dev.vigil.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax ({@code 1y2w3d4h5m6s7ms}, units in this order, each at most once;
 * a year is 365 days, a week 7), read and written as Prometheus's {@code model.Duration} does:
 * configuration files use it, and a scrape target's {@code __scrape_interval__} label carries it,
 * where relabel rules may match it.
 */
public final class PromDuration {
    private static final Pattern SYNTAX = Pattern.compile(
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");
    private static final long[] UNIT_MS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};
    private static final String[] UNIT = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromDuration() {
    }

    /** Reads a duration; a malformed one is an {@link IllegalArgumentException} with Prometheus's message. */
    public static Duration parse(String s) {
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        Matcher m = SYNTAX.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
        }
        long ms = 0;
        for (int i = 0; i < UNIT.length; i++) {
            String n = m.group(2 * i + 2);
            if (n != null) {
                try {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(n), UNIT_MS[i]));
                    Math.multiplyExact(ms, 1_000_000L); // Go's durations are int64 nanoseconds: about 292 years
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
                }
            }
        }
        return Duration.ofMillis(ms);
    }

    /** Writes a duration as Prometheus does: {@code 15s}, {@code 1m30s}, {@code 1d}; years and weeks only when exact. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (ms < 0) {
            b.append('-');
            ms = -ms;
        }
        for (int i = 0; i < UNIT.length; i++) {
            if (i < 2 && ms % UNIT_MS[i] != 0) {
                continue;
            }
            long v = ms / UNIT_MS[i];
            if (v > 0) {
                b.append(v).append(UNIT[i]);
                ms -= v * UNIT_MS[i];
            }
        }
        return b.toString();
    }
}
