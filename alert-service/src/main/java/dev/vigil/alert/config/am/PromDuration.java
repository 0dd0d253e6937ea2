package dev.vigil.alert.config.am;

import java.time.Duration;

/**
 * Durations in Prometheus notation ({@code 1h30m}, {@code 5m}, {@code 2d}, {@code 1w}, {@code 1y},
 * {@code 250ms}, {@code 0}): units from largest to smallest, each at most once, as
 * {@code model.ParseDuration} accepts them. A year is 365 days and a week 7 days.
 */
public final class PromDuration {
    private PromDuration() {
    }

    /** Parses a duration; throws {@link ConfigException} naming the bad text. */
    public static Duration parse(String text) {
        try {
            return dev.vigil.model.PromDuration.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Formats as Prometheus does: {@code 1h30m}, {@code 0s} for zero. */
    public static String format(Duration d) {
        return dev.vigil.model.PromDuration.format(d);
    }
}
