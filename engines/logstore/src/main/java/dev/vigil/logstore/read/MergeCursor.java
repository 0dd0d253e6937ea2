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
 * Since chunks are opened in that fixed order, the next few are decoded ahead on a
 * {@link ScanPool} while the current one is read; closing the cursor drops what it has not read.
 */
public final class MergeCursor implements EntryCursor {
    private final boolean forward;
    private final List<EntrySource> pending;
    private final PriorityQueue<EntrySource> heap;
    private final ScanPool scan;
    private int nextPending;
    /** Sources before this index in {@code pending} have been handed to the scan pool. */
    private int prefetched;
    private EntrySource current;
    private boolean closed;

    private MergeCursor(boolean forward, List<EntrySource> pending, ScanPool scan) {
        this.forward = forward;
        this.pending = pending;
        this.scan = scan;
        Comparator<EntrySource> byTs = Comparator.comparingLong(EntrySource::ts);
        Comparator<EntrySource> asc = byTs.thenComparingInt(s -> s.order);
        this.heap = new PriorityQueue<>(forward ? asc : asc.reversed());
    }

    /**
     * A cursor over {@code chunks} (in the order they were sealed) and {@code head} (entries
     * appended after them, already cut to the range), decoding chunks ahead on {@code scan}.
     */
    public static EntryCursor of(List<ChunkRef> chunks, HeadSnapshot head, long from, long to, Direction direction,
                                 LineFilter filter, ScanPool scan) {
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
        return new MergeCursor(fwd, sources, scan);
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
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
            prefetch();
            if (p.advance()) {
                heap.add(p);
            } else {
                p.release();
            }
        }
        current = heap.poll();
        return current != null;
    }

    /** Hands the sources after the one being opened, up to the pool's look-ahead, to its workers. */
    private void prefetch() {
        int until = Math.min(pending.size(), nextPending + scan.ahead());
        for (; prefetched < until; prefetched++) {
            if (prefetched >= nextPending && pending.get(prefetched) instanceof ChunkSource c) {
                c.prefetch(scan);
            }
        }
    }

    /** Drops the decoding of chunks not yet opened; the entries already returned stay valid. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = nextPending; i < prefetched; i++) {
            if (pending.get(i) instanceof ChunkSource c) {
                c.cancel();
            }
        }
        current = null;
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
