package dev.vigil.logs.rest;

import dev.vigil.logql.LogResult;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a live tail stands: the newest timestamp it has sent and which entries at exactly that
 * timestamp went out. Each poll reads from that timestamp on, so lines that share it (several
 * streams, or a burst in one nanosecond) are neither lost nor sent twice. Not thread-safe: one
 * tail polls at a time.
 */
final class TailCursor {
    private long from;
    private final Set<Sent> sentAtFrom = new HashSet<>();

    /** A cursor that starts reading at {@code fromNanos} (inclusive). */
    TailCursor(long fromNanos) {
        this.from = fromNanos;
    }

    /** The timestamp the next poll reads from, inclusive. */
    long from() {
        return from;
    }

    /**
     * The entries of {@code r} not sent before, streams in label order and entries oldest first,
     * and moves the cursor past them. {@code r} must cover the time from {@link #from()} on.
     */
    List<StreamResult> advance(LogResult r) {
        List<StreamResult> out = new ArrayList<>();
        long newest = from;
        for (StreamResult s : r.streams()) {
            for (LogEntry e : s.entries()) {
                newest = Math.max(newest, e.timestampNanos());
            }
        }
        Set<Sent> atNewest = new HashSet<>();
        if (newest == from) {
            atNewest.addAll(sentAtFrom);
        }
        for (StreamResult s : r.streams()) {
            List<LogEntry> fresh = new ArrayList<>();
            for (LogEntry e : s.entries()) {
                Sent key = new Sent(s.labels(), e.line());
                if (e.timestampNanos() < from || e.timestampNanos() == from && sentAtFrom.contains(key)) {
                    continue;
                }
                fresh.add(e);
                if (e.timestampNanos() == newest) {
                    atNewest.add(key);
                }
            }
            if (!fresh.isEmpty()) {
                fresh.sort(Comparator.comparingLong(LogEntry::timestampNanos));
                out.add(new StreamResult(s.labels(), fresh));
            }
        }
        from = newest;
        sentAtFrom.clear();
        sentAtFrom.addAll(atNewest);
        return out;
    }

    /**
     * Moves the cursor up to {@code nanos} when it stands earlier: entries older than that are no
     * longer looked for. Keeps what was sent at the current timestamp when it does not move.
     */
    void skipTo(long nanos) {
        if (nanos > from) {
            from = nanos;
            sentAtFrom.clear();
        }
    }

    /** An entry already sent, told apart from others at the same timestamp by stream and line. */
    private record Sent(Labels stream, String line) {
    }
}
