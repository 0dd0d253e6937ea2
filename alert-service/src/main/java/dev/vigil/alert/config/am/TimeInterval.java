package dev.vigil.alert.config.am;

import java.time.Instant;
import java.util.List;

/**
 * A named entry of {@code time_intervals} (or the older {@code mute_time_intervals}): it contains
 * an instant when any of its specs does.
 */
public record TimeInterval(String name, List<TimeSpec> specs) {

    public TimeInterval {
        specs = List.copyOf(specs);
    }

    /** Whether the instant falls inside this interval. */
    public boolean contains(Instant t) {
        for (TimeSpec s : specs) {
            if (s.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
