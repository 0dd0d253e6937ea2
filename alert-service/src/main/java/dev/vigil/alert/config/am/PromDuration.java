package dev.vigil.alert.config.am;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Prometheus notation ({@code 1h30m}, {@code 5m}, {@code 2d}, {@code 1w}, {@code 1y},
 * {@code 250ms}, {@code 0}): units from largest to smallest, each at most once, as
 * {@code model.ParseDuration} accepts them. A year is 365 days and a week 7 days.
 */
public final class PromDuration {
    private static final Pattern FORMAT = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MS = {
        365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromDuration() {
    }

    /** Parses a duration; throws {@link ConfigException} naming the bad text. */
    public static Duration parse(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (text == null || text.isEmpty() || !m.matches()) {
            throw new ConfigException("not a valid duration string: \"" + text + "\"");
        }
        long ms = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            String g = m.group(i + 1);
            if (g != null) {
                try {
                    ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(g), UNIT_MS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new ConfigException("duration out of range: \"" + text + "\"");
                }
            }
        }
        return Duration.ofMillis(ms);
    }

    /** Formats as Prometheus does: {@code 1h30m}, {@code 0s} for zero. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int i = 0; i < UNIT_MS.length; i++) {
            // Weeks and years print only when they divide the rest exactly, as Prometheus does.
            if ((i <= 1) && ms % UNIT_MS[i] != 0) {
                continue;
            }
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }
}
