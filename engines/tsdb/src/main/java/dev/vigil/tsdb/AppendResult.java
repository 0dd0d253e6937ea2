package dev.vigil.tsdb;

/** What {@link Tsdb#append} did with a sample. Only {@link #APPENDED} stores anything. */
public enum AppendResult {
    /** Stored (in order, or out of order within the window). */
    APPENDED,
    /** The series already holds this exact sample (same timestamp, same value bits): dropped, as replays need. */
    DUPLICATE,
    /** The series already holds a different value at this timestamp: rejected, the first value wins. */
    DUPLICATE_TIMESTAMP,
    /** Older than the out-of-order window, than retention, or than the downsampled range: rejected. */
    OUT_OF_ORDER_TOO_OLD,
    /** Would create a series past the per-metric series limit: rejected. */
    SERIES_LIMIT,
    /** The label set is empty: rejected. */
    INVALID_LABELS;

    public boolean stored() {
        return this == APPENDED;
    }
}
