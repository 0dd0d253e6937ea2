package dev.vigil.logstore;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.ChunkCodec;
import dev.vigil.logstore.chunk.ChunkFingerprints;
import dev.vigil.logstore.chunk.LineHash;
import dev.vigil.logstore.head.HeadChunk;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.logstore.index.LabelIndex;
import dev.vigil.logstore.read.MergeCursor;
import dev.vigil.logstore.read.ScanPool;
import dev.vigil.logstore.storage.ChunkRef;
import dev.vigil.logstore.storage.ChunkSegments;
import dev.vigil.logstore.storage.RetentionMark;
import dev.vigil.logstore.storage.WalStream;
import dev.vigil.logstore.storage.WriteAheadLog;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A log store in one directory: streams identified by label sets, each a series of zstd-compressed
 * chunks of time-ordered entries, an inverted label index, a write-ahead log for the entries not
 * yet in chunks, and retention.
 *
 * <p>One thread writes ({@link #append}, {@link #commit}, {@link #enforceRetention}, {@link #flush});
 * any number of threads read at the same time through the {@link LogReader} methods. Writer
 * methods throw {@link UncheckedIOException} when the disk fails.
 *
 * <p>Durability: {@link #commit()} makes everything appended so far durable. After a crash,
 * {@link #open} recovers at least up to the last commit (possibly more); torn writes after it are
 * detected by length and checksum and dropped. Replaying the same entries again is harmless:
 * exact duplicates are dropped.
 */
public final class LogStore implements LogReader, AutoCloseable {
    /**
     * Chunk fingerprints kept for duplicate checks (16 bytes an entry, some 30 KB a chunk). A
     * replay checks entries against recent chunks of many streams in turn; 512 of them keep that
     * from decompressing a chunk per entry.
     */
    private static final int DEDUP_CACHE_CHUNKS = 512;

    private final Path dir;
    private final LogStoreOptions options;
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final LabelIndex index = new LabelIndex();
    private final Map<Labels, StoredStream> byLabels = new HashMap<>();
    private final Map<Integer, StoredStream> byId = new HashMap<>();
    private final ZstdCompressCtx zstd = new ZstdCompressCtx();
    private final ByteSink payload = new ByteSink(1 << 18);
    private final ScanPool scanPool;
    private final Map<ChunkRef, ChunkFingerprints> dedupCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChunkRef, ChunkFingerprints> eldest) {
            return size() > DEDUP_CACHE_CHUNKS;
        }
    };
    private ChunkSegments segments;
    private WriteAheadLog wal;
    private int nextId;
    private long nextSeq;
    private boolean closed;

    // Counters: written by the writer thread only, read by anyone.
    private volatile long liveEntries;
    private volatile long liveRawBytes;
    private volatile long sealedRawBytes;
    private volatile long storedBytes;
    private volatile long chunkCount;
    private volatile long duplicates;
    private volatile long rejectedTooOld;
    private volatile long rejectedInvalid;

    private LogStore(Path dir, LogStoreOptions options, FileChannel lockChannel, FileLock dirLock) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
        zstd.setLevel(options.compressionLevel());
        this.scanPool = new ScanPool(options.scanThreads());
    }

    /**
     * Opens (creating if needed) the store in {@code dir} and recovers what it holds: the sealed
     * chunks, then the entries of the write-ahead log that no durable chunk holds.
     *
     * @throws IOException when the directory cannot be used or another store has it open
     */
    public static LogStore open(Path dir, LogStoreOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("log store directory " + dir + " is already open in another LogStore");
        }
        LogStore store = new LogStore(dir, options, lockChannel, lock);
        try {
            store.recover(dir);
        } catch (IOException | RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
        return store;
    }

    private void recover(Path dir) throws IOException {
        long cutoff = RetentionMark.read(dir);
        segments = ChunkSegments.open(dir, options.segmentTargetBytes(), (labels, chunk) -> {
            if (chunk.maxTs() < cutoff) {
                return;
            }
            StoredStream s = streamFor(labels);
            s.recovered(chunk);
            s.lastSeq = Math.max(s.lastSeq, chunk.lastSeq());
            s.newestTs = Math.max(s.newestTs, chunk.maxTs());
            nextSeq = Math.max(nextSeq, chunk.lastSeq() + 1);
            countChunk(chunk, 1);
            liveEntries += chunk.entries();
            liveRawBytes += chunk.rawBytes();
        });
        wal = WriteAheadLog.open(dir, (labels, seq, ts, line, meta) -> {
            StoredStream s = streamFor(labels);
            if (seq <= s.lastSeq) {
                return;
            }
            s.insert(ts, line, meta, seq, rawSize(line, meta));
            s.lastSeq = seq;
            s.newestTs = Math.max(s.newestTs, ts);
            nextSeq = Math.max(nextSeq, seq + 1);
            liveEntries++;
            liveRawBytes += rawSize(line, meta);
        });
        wal.checkpoint(openChunks());
    }

    // ---------------------------------------------------------------- writing

    /** Appends an entry without structured metadata. */
    public AppendResult append(Labels stream, long tsNanos, String line) {
        return append(stream, tsNanos, line, Labels.EMPTY);
    }

    /**
     * Appends one entry to the stream {@code stream}. Entries may arrive out of order within the
     * out-of-order window; an entry equal to a stored one (same stream, timestamp and line) is
     * dropped, so replaying a batch changes nothing.
     */
    public synchronized AppendResult append(Labels stream, long tsNanos, String line, Labels metadata) {
        Objects.requireNonNull(stream, "stream labels");
        Objects.requireNonNull(line, "line");
        Labels meta = metadata == null ? Labels.EMPTY : metadata;
        ensureOpen();
        if (stream.isEmpty()) {
            rejectedInvalid++;
            return AppendResult.EMPTY_LABELS;
        }
        StoredStream s = streamFor(stream);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (tsNanos <= s.newestTs && isDuplicate(s, tsNanos, bytes)) {
            duplicates++;
            return AppendResult.DUPLICATE;
        }
        if (s.newestTs != Long.MIN_VALUE && tsNanos < s.newestTs - options.outOfOrderWindow().toNanos()) {
            rejectedTooOld++;
            return AppendResult.TOO_OLD;
        }
        try {
            HeadChunk head = s.head();
            if (!head.isEmpty() && tsNanos - head.minTs() >= options.chunkMaxAge().toNanos()) {
                seal(s);
            }
            long seq = nextSeq++;
            wal.append(s.id, s.labels, seq, tsNanos, bytes, meta);
            int raw = rawSize(bytes, meta);
            s.insert(tsNanos, bytes, meta, seq, raw);
            s.lastSeq = seq;
            s.newestTs = Math.max(s.newestTs, tsNanos);
            liveEntries++;
            liveRawBytes += raw;
            if (head.rawBytes() >= options.chunkTargetBytes()) {
                seal(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log store", e);
        }
        return AppendResult.APPENDED;
    }

    /**
     * Makes everything appended so far durable (fsync), and rewrites the write-ahead log when it
     * has grown past {@link LogStoreOptions#walCheckpointBytes()}.
     */
    public synchronized void commit() {
        ensureOpen();
        try {
            wal.sync();
            segments.force();
            if (wal.bytesSinceCheckpoint() >= options.walCheckpointBytes()) {
                wal.checkpoint(openChunks());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the log store", e);
        }
    }

    /** Seals every open chunk, whatever its size or age (for shutdown hooks and benchmarks). */
    public synchronized void flush() {
        ensureOpen();
        try {
            for (StoredStream s : new ArrayList<>(byId.values())) {
                if (!s.head().isEmpty()) {
                    seal(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the log store", e);
        }
    }

    /**
     * Seals open chunks whose oldest entry is older than {@link LogStoreOptions#chunkMaxAge()}
     * before {@code nowNanos}, then deletes the chunks whose newest entry is older than
     * {@link LogStoreOptions#retention()} before {@code nowNanos}, streams left with no data, and
     * segment files left with no live chunk. Ends with a commit.
     *
     * @return the number of chunks deleted
     */
    public synchronized long enforceRetention(long nowNanos) {
        return enforceRetention(nowNanos, 0);
    }

    /**
     * As {@link #enforceRetention(long)}, and, when the sealed chunks take more than
     * {@code maxStoredBytes} (0: no limit), also the oldest of them until the rest fit: the cutoff
     * moves up to just after the newest chunk that does not fit, for every stream alike.
     *
     * @return the number of chunks deleted
     */
    public synchronized long enforceRetention(long nowNanos, long maxStoredBytes) {
        ensureOpen();
        long ageCutoff = nowNanos - options.chunkMaxAge().toNanos();
        long cutoff = Math.max(nowNanos - options.retention().toNanos(), sizeCutoff(maxStoredBytes));
        long deleted = 0;
        try {
            for (StoredStream s : new ArrayList<>(byId.values())) {
                if (!s.head().isEmpty() && s.head().minTs() < ageCutoff) {
                    seal(s);
                }
                List<ChunkRef> chunks = s.chunksForWriter();
                List<ChunkRef> kept = new ArrayList<>(chunks.size());
                for (ChunkRef c : chunks) {
                    if (c.maxTs() < cutoff) {
                        countChunk(c, -1);
                        liveEntries -= c.entries();
                        liveRawBytes -= c.rawBytes();
                        dedupCache.remove(c);
                        deleted++;
                    } else {
                        kept.add(c);
                    }
                }
                if (kept.size() != chunks.size()) {
                    s.replaceChunks(kept);
                }
                if (s.isEmpty()) {
                    removeStream(s);
                }
            }
            segments.force();
            if (deleted > 0) {
                RetentionMark.write(dir, cutoff);
            }
            segments.deleteOlderThan(cutoff);
            wal.sync();
            // Rewriting the log now keeps streams that were just dropped from coming back on restart.
            wal.checkpoint(openChunks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot enforce retention", e);
        }
        return deleted;
    }

    /** The time before which sealed chunks must go for the rest to fit in {@code maxBytes}; MIN_VALUE when all fit. */
    private long sizeCutoff(long maxBytes) {
        if (maxBytes <= 0 || storedBytes <= maxBytes) {
            return Long.MIN_VALUE;
        }
        List<ChunkRef> all = new ArrayList<>();
        for (StoredStream s : byId.values()) {
            all.addAll(s.chunksForWriter());
        }
        all.sort(Comparator.comparingLong(ChunkRef::maxTs).reversed());
        long kept = 0;
        for (ChunkRef c : all) {
            kept += c.dataLength();
            if (kept > maxBytes) {
                return c.maxTs() + 1;
            }
        }
        return Long.MIN_VALUE;
    }

    /** Counters of the whole store. */
    public StoreStats stats() {
        int streams;
        indexLock.readLock().lock();
        try {
            streams = byId.size();
        } finally {
            indexLock.readLock().unlock();
        }
        return new StoreStats(streams, liveEntries, chunkCount, liveRawBytes, sealedRawBytes, storedBytes, duplicates,
                rejectedTooOld, rejectedInvalid);
    }

    /** The options the store was opened with. */
    public LogStoreOptions options() {
        return options;
    }

    /** Commits and closes the files. Open chunks stay in the write-ahead log for the next open. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            wal.sync();
            segments.force();
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() throws IOException {
        closed = true;
        try {
            if (wal != null) {
                wal.close();
            }
            if (segments != null) {
                segments.close();
            }
        } finally {
            scanPool.close();
            zstd.close();
            dirLock.release();
            lockChannel.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log store is closed");
        }
    }

    private StoredStream streamFor(Labels labels) {
        StoredStream s = byLabels.get(labels);
        if (s != null) {
            return s;
        }
        s = new StoredStream(nextId++, labels);
        indexLock.writeLock().lock();
        try {
            byLabels.put(labels, s);
            byId.put(s.id, s);
            index.add(s.id, labels);
        } finally {
            indexLock.writeLock().unlock();
        }
        return s;
    }

    private void removeStream(StoredStream s) {
        indexLock.writeLock().lock();
        try {
            byLabels.remove(s.labels);
            byId.remove(s.id);
            index.remove(s.id);
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    private boolean isDuplicate(StoredStream s, long ts, byte[] line) {
        if (s.head().contains(ts, line)) {
            return true;
        }
        long hash = LineHash.of(line, 0, line.length);
        for (ChunkRef c : s.chunksForWriter()) {
            if (c.minTs() <= ts && ts <= c.maxTs()) {
                if (dedupCache.computeIfAbsent(c, ref -> ChunkFingerprints.of(ref.decode(null))).contains(ts, hash)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void seal(StoredStream s) throws IOException {
        HeadSnapshot h = s.head().snapshotAll();
        if (h.size() == 0) {
            return;
        }
        ChunkCodec.encodePayload(payload, h.ts(), h.lines(), h.meta(), h.size());
        byte[] compressed = ChunkCodec.compress(zstd, payload.array(), payload.size());
        long raw = s.head().rawBytes();
        ChunkRef ref = segments.write(s.labels, compressed, payload.size(), h.ts()[0], h.ts()[h.size() - 1],
                h.size(), raw, h.maxSeq());
        s.sealed(ref);
        countChunk(ref, 1);
    }

    private void countChunk(ChunkRef c, int sign) {
        chunkCount += sign;
        sealedRawBytes += sign * c.rawBytes();
        storedBytes += sign * (long) c.dataLength();
    }

    private List<WalStream> openChunks() {
        List<WalStream> out = new ArrayList<>();
        for (StoredStream s : byId.values()) {
            if (!s.head().isEmpty()) {
                out.add(new WalStream(s.id, s.labels, s.headSnapshot()));
            }
        }
        return out;
    }

    /** Line bytes plus UTF-8 bytes of metadata names and values (what Loki counts as entry size). */
    private static int rawSize(byte[] line, Labels meta) {
        int n = line.length;
        for (int i = 0; i < meta.size(); i++) {
            n += utf8Length(meta.name(i)) + utf8Length(meta.value(i));
        }
        return n;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- reading

    private List<StoredStream> select(List<LabelMatcher> matchers, long from, long to) {
        Objects.requireNonNull(matchers, "matchers");
        List<StoredStream> found = new ArrayList<>();
        indexLock.readLock().lock();
        try {
            for (int id : index.select(matchers)) {
                found.add(byId.get(id));
            }
        } finally {
            indexLock.readLock().unlock();
        }
        List<StoredStream> out = new ArrayList<>(found.size());
        for (StoredStream s : found) {
            if (s.overlaps(from, to)) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.labels.compareTo(b.labels));
        return out;
    }

    @Override
    public List<StreamRef> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return select(matchers, fromNanos, toNanos).stream().map(s -> s.ref).toList();
    }

    @Override
    public EntryCursor entries(StreamRef stream, long fromNanos, long toNanos, Direction direction) {
        return entries(stream, fromNanos, toNanos, direction, LineFilter.ACCEPT_ALL);
    }

    @Override
    public EntryCursor entries(StreamRef stream, long fromNanos, long toNanos, Direction direction,
                               LineFilter filter) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(filter, "filter");
        StoredStream s;
        indexLock.readLock().lock();
        try {
            s = stream.id() <= Integer.MAX_VALUE ? byId.get((int) stream.id()) : null;
        } finally {
            indexLock.readLock().unlock();
        }
        if (s == null || !s.labels.equals(stream.labels()) || fromNanos >= toNanos) {
            return MergeCursor.of(List.of(), HeadSnapshot.EMPTY, fromNanos, toNanos, direction, filter, scanPool);
        }
        StoredStream.View v = s.view(fromNanos, toNanos);
        return MergeCursor.of(v.chunks(), v.head(), fromNanos, toNanos, direction, filter, scanPool);
    }

    @Override
    public List<String> labelNames(long fromNanos, long toNanos) {
        return labelNames(fromNanos, toNanos, List.of());
    }

    @Override
    public List<String> labelNames(long fromNanos, long toNanos, List<LabelMatcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        for (StoredStream s : select(matchers, fromNanos, toNanos)) {
            for (int i = 0; i < s.labels.size(); i++) {
                names.add(s.labels.name(i));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String name, long fromNanos, long toNanos, List<LabelMatcher> matchers) {
        Objects.requireNonNull(name, "name");
        TreeSet<String> values = new TreeSet<>();
        for (StoredStream s : select(matchers, fromNanos, toNanos)) {
            String v = s.labels.get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    @Override
    public List<Labels> series(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        return select(matchers, fromNanos, toNanos).stream().map(s -> s.labels).toList();
    }

    @Override
    public IndexStats indexStats(List<LabelMatcher> matchers, long fromNanos, long toNanos) {
        List<StoredStream> found = select(matchers, fromNanos, toNanos);
        long chunks = 0;
        long entries = 0;
        long bytes = 0;
        for (StoredStream s : found) {
            IndexStats st = s.stats(fromNanos, toNanos);
            chunks += st.chunks();
            entries += st.entries();
            bytes += st.bytes();
        }
        return new IndexStats(found.size(), chunks, entries, bytes);
    }
}
