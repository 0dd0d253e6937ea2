package dev.vigil.logstore.read;

import dev.vigil.logstore.Direction;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.chunk.DecodedChunk;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.model.Labels;
import java.util.Optional;
import java.util.concurrent.FutureTask;

/**
 * Entries of one sealed chunk. Reading, decompressing and searching the chunk happen once, either
 * ahead of time on a {@link ScanPool} worker ({@link #prefetch}) or on the first {@link #advance()}.
 */
final class ChunkSource extends EntrySource {
    /**
     * A chunk ready to walk.
     *
     * @param candidates ascending indices of the entries a block search left; null to walk [lo, hi)
     */
    private record Scanned(DecodedChunk chunk, int lo, int hi, int[] candidates) {
    }

    private final ChunkRef ref;
    private final long from;
    private final long to;
    private final boolean forward;
    private final LineFilter filter;
    private final BufferPool pool;
    private FutureTask<Scanned> task;
    private DecodedChunk chunk;
    private int[] candidates;
    private int lo;
    private int hi;
    private int pos;
    private int current = -1;

    ChunkSource(ChunkRef ref, long from, long to, Direction direction, LineFilter filter, BufferPool pool, int order) {
        super(order, direction == Direction.FORWARD ? ref.minTs() : ref.maxTs());
        this.ref = ref;
        this.from = from;
        this.to = to;
        this.forward = direction == Direction.FORWARD;
        this.filter = filter;
        this.pool = pool;
    }

    /** Starts the chunk's decoding on {@code scan}'s workers, once. */
    void prefetch(ScanPool scan) {
        if (task == null && chunk == null) {
            task = new FutureTask<>(this::scan);
            scan.submit(task);
        }
    }

    /** Drops decoding that has not started; the cursor will not read this chunk. */
    void cancel() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Reads, decompresses and searches the chunk; runs on a worker or on the reader. */
    private Scanned scan() {
        DecodedChunk c = ref.decode(pool.take(ref.payloadLength()));
        int first = c.lowerBound(from);
        int end = c.lowerBound(to);
        Optional<byte[]> needle = filter.requiredBytes();
        int[] found = needle.isPresent() && needle.get().length > 0 ? BlockSearch.find(c, first, end, needle.get()) : null;
        return new Scanned(c, first, end, found);
    }

    private void open() {
        Scanned s = task == null ? scan() : ScanPool.join(task);
        task = null;
        chunk = s.chunk();
        lo = s.lo();
        hi = s.hi();
        candidates = s.candidates();
        if (candidates != null) {
            pos = forward ? 0 : candidates.length - 1;
        } else {
            pos = forward ? lo : hi - 1;
        }
    }

    @Override
    boolean advance() {
        if (chunk == null) {
            open();
        }
        byte[] buf = chunk.buffer();
        while (true) {
            int i;
            if (candidates != null) {
                if (pos < 0 || pos >= candidates.length) {
                    return false;
                }
                i = candidates[pos];
            } else {
                if (pos < lo || pos >= hi) {
                    return false;
                }
                i = pos;
            }
            pos += forward ? 1 : -1;
            int s = chunk.lineStart(i);
            if (filter == LineFilter.ACCEPT_ALL || filter.test(buf, s, chunk.lineEnd(i) - s)) {
                current = i;
                return true;
            }
        }
    }

    @Override
    long ts() {
        return chunk.timestamp(current);
    }

    @Override
    String line() {
        return chunk.line(current);
    }

    @Override
    Labels metadata() {
        return chunk.metadata(current);
    }

    @Override
    void release() {
        if (chunk != null) {
            pool.give(chunk.buffer());
        }
    }
}
