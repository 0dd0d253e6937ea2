package dev.vigil.logql.storage;

import java.util.Iterator;

/** Entries of one stream, in order; closed by the engine when it stops reading, exhausted or not. */
public interface EntryIterator extends Iterator<LogEntry>, AutoCloseable {
    /** Releases what the iterator holds; never fails. */
    @Override
    void close();

    /** An iterator over a list, holding nothing to release. */
    static EntryIterator of(Iterator<LogEntry> entries) {
        return new EntryIterator() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public LogEntry next() {
                return entries.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
