package dev.vigil.tsdb.head;

import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.tsdb.chunk.SampleChunk;
import dev.vigil.tsdb.chunk.SampleChunks;
import dev.vigil.tsdb.chunk.XorAppender;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One series in the head: its closed raw chunks (sorted by start; out-of-order chunks may overlap
 * others), its rollup chunks, the open head chunk and the out-of-order buffer. {@code maxTime} is
 * the newest in-order timestamp, which decides whether an append is in order.
 */
final class MemSeries {
    final int id;
    final Labels labels;
    final List<ChunkMeta> chunks = new ArrayList<>();
    final List<ChunkMeta> rollups = new ArrayList<>();
    final OooBuffer ooo = new OooBuffer();
    XorAppender head;
    long headMinTime;
    long maxTime = Long.MIN_VALUE;
    long lastValueBits;
    /** Dropped from the head by retention: a {@link SeriesRef} pointing here must look again. */
    boolean removed;

    MemSeries(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    boolean isEmpty() {
        return chunks.isEmpty() && rollups.isEmpty() && head == null && ooo.size() == 0;
    }

    /** Earliest time of any data held, for label queries over a time range. */
    long minTime() {
        long min = Long.MAX_VALUE;
        if (!rollups.isEmpty()) {
            min = rollups.get(0).minTime();
        }
        if (!chunks.isEmpty()) {
            min = Math.min(min, chunks.get(0).minTime());
        }
        if (head != null) {
            min = Math.min(min, headMinTime);
        }
        if (ooo.size() > 0) {
            min = Math.min(min, ooo.minTime());
        }
        return min;
    }

    /** Newest time of any data held. */
    long newestTime() {
        long max = head != null ? maxTime : Long.MIN_VALUE;
        for (ChunkMeta c : chunks) {
            max = Math.max(max, c.maxTime());
        }
        for (ChunkMeta c : rollups) {
            max = Math.max(max, c.maxTime());
        }
        if (ooo.size() > 0) {
            max = Math.max(max, ooo.maxTime());
        }
        return max;
    }

    void insertChunk(List<ChunkMeta> list, ChunkMeta meta) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).minTime() > meta.minTime()) {
            i--;
        }
        list.add(i, meta);
    }

    /** The value bits stored at {@code t}, searching the buffer, the head chunk and closed chunks. */
    OptionalLong valueAt(long t) {
        OptionalLong found = ooo.find(t);
        if (found.isPresent()) {
            return found;
        }
        if (head != null && t >= headMinTime) {
            found = find(head.toChunk(), t);
            if (found.isPresent()) {
                return found;
            }
        }
        // out-of-order chunks may overlap the head's range, so closed chunks are searched too
        for (ChunkMeta c : chunks) {
            if (c.overlaps(t, t)) {
                found = find(SampleChunks.of(c.kind(), c.bytes()), t);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong find(SampleChunk chunk, long t) {
        SampleCursor it = chunk.iterator();
        if (it.seek(t) && it.timestamp() == t) {
            return OptionalLong.of(Double.doubleToRawLongBits(it.value()));
        }
        return OptionalLong.empty();
    }

    long memoryBytes() {
        long n = head != null ? head.sizeBytes() : 0;
        n += ooo.size() * 16L;
        for (ChunkMeta c : chunks) {
            n += c.inMemory() ? c.sizeBytes() : 0;
        }
        for (ChunkMeta c : rollups) {
            n += c.inMemory() ? c.sizeBytes() : 0;
        }
        return n;
    }

    long diskBytes() {
        long n = 0;
        for (ChunkMeta c : chunks) {
            n += c.recordLength();
        }
        for (ChunkMeta c : rollups) {
            n += c.recordLength();
        }
        return n;
    }
}
