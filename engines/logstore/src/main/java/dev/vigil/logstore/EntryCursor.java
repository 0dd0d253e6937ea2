package dev.vigil.logstore;

import dev.vigil.model.Labels;

/**
 * Iterates the entries of one stream in a time range, in one direction. Call {@link #next()}
 * before reading each entry; the accessors describe the current entry. Entries with equal
 * timestamps keep their append order (reversed when iterating backward). A cursor sees the
 * stream as it was when the cursor was opened, and it is used by one thread.
 */
public interface EntryCursor extends AutoCloseable {

    /** Advances to the next entry; false when there is none left. */
    boolean next();

    /** Timestamp of the current entry, in nanoseconds since the epoch. */
    long timestampNanos();

    /** Line of the current entry. */
    String line();

    /** Structured metadata of the current entry; {@link Labels#EMPTY} when it has none. */
    Labels metadata();

    /**
     * Releases what the cursor holds, including chunks being decoded ahead that it will not read;
     * {@link #next()} then returns false. Cursors hold no files, so this never fails.
     */
    @Override
    default void close() {
    }
}
