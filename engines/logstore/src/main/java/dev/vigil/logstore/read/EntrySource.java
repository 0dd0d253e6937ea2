package dev.vigil.logstore.read;

import dev.vigil.model.Labels;

/**
 * One sorted run of entries feeding a {@link MergeCursor}: a sealed chunk or an open chunk,
 * already restricted to the time range and line filter and walking in the cursor's direction.
 */
abstract class EntrySource {
    /** Tie-break among sources for equal timestamps: the order in which their entries were appended. */
    final int order;
    /** The bound a merge compares before opening the source: min timestamp forward, max backward. */
    final long bound;

    EntrySource(int order, long bound) {
        this.order = order;
        this.bound = bound;
    }

    /** Moves to the next entry; false when exhausted. */
    abstract boolean advance();

    abstract long ts();

    abstract String line();

    abstract Labels metadata();

    /** Gives back buffers when the source is exhausted. */
    void release() {
    }
}
