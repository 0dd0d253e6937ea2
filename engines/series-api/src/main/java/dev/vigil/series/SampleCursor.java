package dev.vigil.series;

/**
 * Forward-only iteration over one series' samples in ascending timestamp order, without boxing.
 * Staleness markers are returned as stored (see {@link dev.vigil.model.StaleNaN}).
 */
public interface SampleCursor {
    /** Moves to the next sample; false when there is none. */
    boolean next();

    /** Moves to the first sample with timestamp {@code >= t}; false when there is none. */
    default boolean seek(long t) {
        while (next()) {
            if (timestamp() >= t) {
                return true;
            }
        }
        return false;
    }

    long timestamp();

    double value();
}
