package dev.vigil.logstore;

import dev.vigil.logstore.head.HeadChunk;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream's state: its sealed chunks (in the order they were sealed) and its open chunk.
 * The writer thread mutates it; the monitor makes "seal the open chunk" atomic for readers, who
 * take a {@link View} under the same monitor.
 */
final class StoredStream {
    final int id;
    final Labels labels;
    final StreamRef ref;
    private final HeadChunk head = new HeadChunk();
    private List<ChunkRef> chunks = List.of();
    /** Newest timestamp ever accepted; the out-of-order window trails it. Writer-only. */
    long newestTs = Long.MIN_VALUE;
    /** Largest append sequence number applied to this stream. Writer-only. */
    long lastSeq = -1;

    /** What a reader sees of the stream at one instant. */
    record View(List<ChunkRef> chunks, HeadSnapshot head) {
    }

    StoredStream(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
        this.ref = new StreamRef(id, labels);
    }

    /** Writer-only: the open chunk, read without the monitor since no one else mutates it. */
    HeadChunk head() {
        return head;
    }

    /** Writer-only, for the same reason. */
    List<ChunkRef> chunksForWriter() {
        return chunks;
    }

    synchronized void insert(long ts, byte[] line, Labels meta, long seq, int raw) {
        head.insert(ts, line, meta, seq, raw);
    }

    /** Publishes a sealed chunk and empties the open chunk, in one step for readers. */
    synchronized void sealed(ChunkRef chunk) {
        List<ChunkRef> next = new ArrayList<>(chunks.size() + 1);
        next.addAll(chunks);
        next.add(chunk);
        chunks = List.copyOf(next);
        head.clear();
    }

    /** Adds a chunk found on disk during recovery, before the open chunk is replayed. */
    synchronized void recovered(ChunkRef chunk) {
        List<ChunkRef> next = new ArrayList<>(chunks);
        next.add(chunk);
        chunks = List.copyOf(next);
    }

    synchronized void replaceChunks(List<ChunkRef> kept) {
        chunks = List.copyOf(kept);
    }

    synchronized View view(long from, long to) {
        return new View(chunks, head.snapshot(from, to));
    }

    synchronized HeadSnapshot headSnapshot() {
        return head.snapshotAll();
    }

    /** Whether any chunk or the open chunk has time bounds overlapping {@code [from, to)}. */
    synchronized boolean overlaps(long from, long to) {
        if (!head.isEmpty() && head.minTs() < to && head.maxTs() >= from) {
            return true;
        }
        for (ChunkRef c : chunks) {
            if (c.overlaps(from, to)) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean isEmpty() {
        return head.isEmpty() && chunks.isEmpty();
    }

    /** Index stats (one stream) of the chunks and open chunk overlapping {@code [from, to)}. */
    synchronized IndexStats stats(long from, long to) {
        long chunkCount = 0;
        long entries = 0;
        long bytes = 0;
        for (ChunkRef c : chunks) {
            if (c.overlaps(from, to)) {
                chunkCount++;
                entries += c.entries();
                bytes += c.rawBytes();
            }
        }
        if (!head.isEmpty() && head.minTs() < to && head.maxTs() >= from) {
            chunkCount++;
            entries += head.size();
            bytes += head.rawBytes();
        }
        return new IndexStats(1, chunkCount, entries, bytes);
    }
}
