package dev.vigil.logstore.read;

import dev.vigil.logstore.Direction;
import dev.vigil.logstore.EntryCursor;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges a stream's chunks, which may overlap in time when entries arrived out of order, into
 * one sorted walk. Chunks are opened lazily, in the order of their first timestamp in the walk's
 * direction, only once they could hold the next entry; a chunk outside the range is never read.
 */
public final class MergeCursor implements EntryCursor {
    private final boolean forward;
    private final List<EntrySource> pending;
    private final PriorityQueue<EntrySource> heap;
    private int nextPending;
    private EntrySource current;

    private MergeCursor(boolean forward, List<EntrySource> pending) {
        this.forward = forward;
        this.pending = pending;
        Comparator<EntrySource> byTs = Comparator.comparingLong(EntrySource::ts);
        Comparator<EntrySource> asc = byTs.thenComparingInt(s -> s.order);
        this.heap = new PriorityQueue<>(forward ? asc : asc.reversed());
    }

    /**
     * A cursor over {@code chunks} (in the order they were sealed) and {@code head} (entries
     * appended after them, already cut to the range).
     */
    public static EntryCursor of(List<ChunkRef> chunks, HeadSnapshot head, long from, long to, Direction direction,
                                 LineFilter filter) {
        BufferPool pool = new BufferPool();
        List<EntrySource> sources = new ArrayList<>(chunks.size() + 1);
        int order = 0;
        for (ChunkRef c : chunks) {
            if (c.overlaps(from, to)) {
                sources.add(new ChunkSource(c, from, to, direction, filter, pool, order));
            }
            order++;
        }
        if (head.size() > 0) {
            sources.add(new HeadSource(head, direction, filter, order));
        }
        boolean fwd = direction == Direction.FORWARD;
        Comparator<EntrySource> byBound = Comparator.comparingLong(s -> s.bound);
        Comparator<EntrySource> asc = byBound.thenComparingInt(s -> s.order);
        sources.sort(fwd ? asc : asc.reversed());
        return new MergeCursor(fwd, sources);
    }

    @Override
    public boolean next() {
        if (current != null) {
            if (current.advance()) {
                heap.add(current);
            } else {
                current.release();
            }
            current = null;
        }
        while (nextPending < pending.size()) {
            EntrySource p = pending.get(nextPending);
            if (!heap.isEmpty() && !mayPrecede(p.bound, heap.peek().ts())) {
                break;
            }
            nextPending++;
            if (p.advance()) {
                heap.add(p);
            } else {
                p.release();
            }
        }
        current = heap.poll();
        return current != null;
    }

    /** Whether a source starting at {@code bound} may hold an entry that comes before {@code ts}. */
    private boolean mayPrecede(long bound, long ts) {
        return forward ? bound <= ts : bound >= ts;
    }

    private EntrySource current() {
        if (current == null) {
            throw new NoSuchElementException("call next() and check that it returned true first");
        }
        return current;
    }

    @Override
    public long timestampNanos() {
        return current().ts();
    }

    @Override
    public String line() {
        return current().line();
    }

    @Override
    public Labels metadata() {
        return current().metadata();
    }
}
