package dev.vigil.logstore.read;

import dev.vigil.logstore.Direction;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.chunk.DecodedChunk;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.model.Labels;
import java.util.Optional;

/** Entries of one sealed chunk; the chunk is read and decompressed on the first {@link #advance()}. */
final class ChunkSource extends EntrySource {
    private final ChunkRef ref;
    private final long from;
    private final long to;
    private final boolean forward;
    private final LineFilter filter;
    private final BufferPool pool;
    private DecodedChunk chunk;
    /** Candidate entry indices when a block search narrowed them; null to walk [lo, hi). */
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

    private void open() {
        chunk = ref.decode(pool.take(ref.payloadLength()));
        lo = chunk.lowerBound(from);
        hi = chunk.lowerBound(to);
        Optional<byte[]> needle = filter.requiredBytes();
        if (needle.isPresent() && needle.get().length > 0) {
            candidates = BlockSearch.find(chunk, lo, hi, needle.get());
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
