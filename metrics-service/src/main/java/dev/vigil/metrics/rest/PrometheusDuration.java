package dev.vigil.metrics.rest;

import java.time.Duration;

/** Prometheus's duration notation ({@code model.Duration.String()}): {@code 15d}, {@code 2w}, {@code 1h30m}, {@code 0s}. */
final class PrometheusDuration {
    private static final long DAY = 24L * 60 * 60 * 1000;

    private PrometheusDuration() {
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        // years and weeks only when exact, as Prometheus prints 90d rather than 12w6d
        ms = unit(sb, ms, "y", 365 * DAY, true);
        ms = unit(sb, ms, "w", 7 * DAY, true);
        ms = unit(sb, ms, "d", DAY, false);
        ms = unit(sb, ms, "h", 60 * 60 * 1000L, false);
        ms = unit(sb, ms, "m", 60 * 1000L, false);
        ms = unit(sb, ms, "s", 1000L, false);
        unit(sb, ms, "ms", 1L, false);
        return sb.toString();
    }

    private static long unit(StringBuilder sb, long ms, String unit, long mult, boolean exact) {
        if (exact && ms % mult != 0) {
            return ms;
        }
        long v = ms / mult;
        if (v > 0) {
            sb.append(v).append(unit);
            return ms - v * mult;
        }
        return ms;
    }
}
