package dev.vigil.logstore;

/** What {@link LogStore#append} did with an entry. */
public enum AppendResult {
    /** The entry is stored. */
    APPENDED,
    /** An entry with the same stream, timestamp and line is already stored; nothing changed. */
    DUPLICATE,
    /** The entry is older than the stream's newest entry by more than the out-of-order window. */
    TOO_OLD,
    /** The stream has no labels; Loki rejects such streams too. */
    EMPTY_LABELS;

    /** True when the entry is (now or already) in the store. */
    public boolean stored() {
        return this == APPENDED || this == DUPLICATE;
    }
}
