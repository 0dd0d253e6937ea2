package dev.vigil.tsdb;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import dev.vigil.tsdb.disk.CheckpointData;
import dev.vigil.tsdb.disk.CheckpointFile;
import dev.vigil.tsdb.disk.ChunkRecord;
import dev.vigil.tsdb.disk.RecordFraming;
import dev.vigil.tsdb.disk.Segment;
import dev.vigil.tsdb.head.ChunkMeta;
import dev.vigil.tsdb.head.Head;
import dev.vigil.tsdb.head.PendingChunk;
import dev.vigil.tsdb.head.SeriesRef;
import dev.vigil.tsdb.rollup.RollupColumn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A time-series store in one directory: an in-memory head of open Gorilla chunks, closed chunks in
 * append-only segment files, and a checkpoint that makes a commit atomic. Implements the PromQL
 * {@link Storage} contract.
 *
 * <p>Threads: one writer ({@link #append}, {@link #commit}, {@link #enforceRetention},
 * {@link #downsample}; they are serialized anyway) and any number of concurrent readers. Readers
 * copy what they need under a read lock and decode without it.
 *
 * <p>Durability: nothing appended is durable until {@link #commit()} returns. {@link #close()}
 * does not commit; after a crash or a close without commit, {@link #open} returns the state of the
 * last commit, and the caller replays its input from the offset it committed with it. Appends are
 * idempotent, so replaying samples the store already has changes nothing.
 */
public final class Tsdb implements Storage, AutoCloseable {
    private static final String LOCK_FILE = "LOCK";
    /** Raw data is rolled up in blocks this long, so each pass writes rollup chunks of useful size. */
    static final long DOWNSAMPLE_BLOCK_MS = 2 * 3_600_000L;

    private final Path dir;
    private final TsdbOptions options;
    private final Head head;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    /** Segments with an open channel, by id, oldest first. */
    private final Map<Integer, Segment> segments = new LinkedHashMap<>();
    private Segment active;
    private int nextSegmentId;
    private long generation;
    private Set<Integer> previousCheckpointSegments = Set.of();
    private volatile long checkpointBytes;
    private long damagedRecordsSkipped;
    private boolean dirty;
    private boolean closed;

    private Tsdb(Path dir, TsdbOptions options, FileChannel lockChannel, FileLock dirLock) {
        this.dir = dir;
        this.options = options;
        this.head = new Head(options);
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
    }

    /**
     * Opens (or creates) the store in {@code dir} and recovers the last commit: uncommitted bytes
     * at the end of segment files are cut off, and a damaged newest checkpoint is skipped for the
     * previous one.
     *
     * @throws IOException when the directory cannot be used, another store holds it, or checkpoint
     *                     files exist but none is intact (data is then left untouched)
     */
    public static Tsdb open(Path dir, TsdbOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock dirLock;
        try {
            dirLock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            dirLock = null;
        }
        if (dirLock == null) {
            lockChannel.close();
            throw new IOException("TSDB directory " + dir + " is already open by another store");
        }
        Tsdb db = new Tsdb(dir, options, lockChannel, dirLock);
        try {
            db.recover();
        } catch (IOException | RuntimeException e) {
            db.closeFiles();
            throw e;
        }
        return db;
    }

    private void recover() throws IOException {
        CheckpointFile.deleteTemporaryFiles(dir);
        var loaded = CheckpointFile.readLatest(dir);
        List<Path> checkpoints = CheckpointFile.list(dir);
        if (loaded.isEmpty()) {
            if (!checkpoints.isEmpty()) {
                throw new IOException("no intact checkpoint among " + checkpoints.size() + " in " + dir
                        + "; refusing to discard its segments");
            }
            deleteSegmentFilesExcept(Set.of());
            return;
        }
        CheckpointData data = loaded.get().data();
        damagedRecordsSkipped += loaded.get().skippedDamaged();
        generation = data.generation();
        nextSegmentId = data.nextSegmentId();
        head.restoreWatermarks(data.retentionCutoff(), data.rollupWatermark(), data.nextSeriesId());
        data.series().forEach(head::restore);
        Set<Integer> referenced = new HashSet<>();
        for (CheckpointData.SegmentLength sl : data.segments()) {
            referenced.add(sl.id());
            if (!Files.exists(dir.resolve(Segment.fileName(sl.id())))) {
                damagedRecordsSkipped++;
                continue;
            }
            Segment seg = Segment.open(dir, sl.id(), sl.length());
            segments.put(seg.id(), seg);
            long end = RecordFraming.scan(seg, seg.length(), (payloadOffset, payload, recordLength) -> {
                ChunkRecord r = ChunkRecord.decode(payload);
                ChunkMeta meta = ChunkMeta.onDisk(r.kind(), r.minTime(), r.maxTime(), r.count(), seg,
                        payloadOffset + r.dataOffset(), r.dataLength(), recordLength);
                if (head.attach(r.seriesId(), meta)) {
                    seg.addLiveChunk();
                }
            });
            if (end < sl.length()) {
                damagedRecordsSkipped++;
                seg.truncate(end);
            }
            // new records are framed the current way, so they never go into a file of the old framing
            active = seg.fixedFraming() ? null : seg;
        }
        previousCheckpointSegments = referenced;
        for (Path p : checkpoints) {
            if (!p.equals(loaded.get().path())) {
                Files.deleteIfExists(p);
            }
        }
        checkpointBytes = Files.size(loaded.get().path());
        deleteSegmentFilesExcept(referenced);
    }

    private void deleteSegmentFilesExcept(Set<Integer> keep) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                String digits = name.substring(0, name.length() - 4);
                if (digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()
                        && !keep.contains(Integer.parseInt(digits))) {
                    Files.delete(p);
                }
            }
        }
    }

    // ---- writes ----

    /**
     * Appends one sample. Never throws for bad data: the result says what happened, and rejected
     * samples are counted in {@link #stats()}.
     */
    public synchronized AppendResult append(Labels labels, long timestampMs, double value) {
        Objects.requireNonNull(labels, "labels");
        ensureOpen();
        lock.writeLock().lock();
        try {
            AppendResult r = head.append(labels, timestampMs, value);
            if (r == AppendResult.APPENDED) {
                dirty = true;
            }
            return r;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Appends one sample through a writer's handle on its series ({@link SeriesRef}, made once per
     * series with {@code new SeriesRef(labels)}); the same rules and result as {@link #append(Labels, long, double)}.
     */
    public synchronized AppendResult append(SeriesRef ref, long timestampMs, double value) {
        ensureOpen();
        lock.writeLock().lock();
        try {
            AppendResult r = head.append(ref, timestampMs, value);
            if (r == AppendResult.APPENDED) {
                dirty = true;
            }
            return r;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes everything appended so far durable: writes closed chunks to the active segment, syncs
     * it, then publishes a checkpoint with the open heads. Returns once the data is on disk.
     */
    public synchronized void commit() throws IOException {
        ensureOpen();
        if (!dirty) {
            return;
        }
        List<PendingChunk> pending = head.drainPending();
        List<Placed> placed;
        try {
            placed = writeChunks(pending);
        } catch (IOException | RuntimeException e) {
            // nothing of this commit counts; the chunks are written again by the next one
            head.requeue(pending);
            throw e;
        }
        lock.writeLock().lock();
        try {
            for (Placed p : placed) {
                p.meta.persisted(p.segment, p.dataOffset, p.recordLength);
            }
        } finally {
            lock.writeLock().unlock();
        }
        List<CheckpointData.SegmentLength> live = new ArrayList<>();
        Set<Integer> liveIds = new HashSet<>();
        for (Segment s : segments.values()) {
            if (s == active || s.liveChunks() > 0) {
                live.add(new CheckpointData.SegmentLength(s.id(), s.length()));
                liveIds.add(s.id());
            }
        }
        CheckpointData data = new CheckpointData(generation + 1, head.retentionCutoff(), head.rollupWatermark(),
                nextSegmentId, head.nextSeriesId(), live, head.seriesStates());
        checkpointBytes = CheckpointFile.write(dir, data);
        generation++;
        for (Path p : CheckpointFile.list(dir)) {
            if (CheckpointFile.generation(p) < generation - 1) {
                Files.deleteIfExists(p);
            }
        }
        retireSegments(liveIds);
        previousCheckpointSegments = liveIds;
        dirty = false;
    }

    private record Placed(ChunkMeta meta, Segment segment, long dataOffset, int recordLength) {
    }

    private List<Placed> writeChunks(List<PendingChunk> pending) throws IOException {
        List<Placed> placed = new ArrayList<>(pending.size());
        Set<Segment> written = new HashSet<>();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (PendingChunk p : pending) {
            ChunkMeta m = p.meta();
            byte[] chunk = m.bytes();
            byte[] payload = ChunkRecord.encode(p.seriesId(), m.kind(), m.minTime(), m.maxTime(), chunk);
            int recordLength = RecordFraming.recordLength(payload.length);
            if (active == null || active.length() + buf.position() >= options.segmentTargetBytes()) {
                flush(buf, written);
                active = Segment.create(dir, nextSegmentId++);
                lock.writeLock().lock();
                try {
                    segments.put(active.id(), active); // stats() iterates the map under the read lock
                } finally {
                    lock.writeLock().unlock();
                }
            }
            if (buf.remaining() < recordLength) {
                flush(buf, written);
                if (buf.capacity() < recordLength) {
                    buf = ByteBuffer.allocate(recordLength);
                }
            }
            long recordStart = active.length() + buf.position();
            RecordFraming.frame(buf, payload);
            placed.add(new Placed(m, active, recordStart + recordLength - chunk.length, recordLength));
        }
        flush(buf, written);
        for (Segment s : written) {
            s.sync();
        }
        return placed;
    }

    private void flush(ByteBuffer buf, Set<Segment> written) throws IOException {
        if (buf.position() > 0) {
            buf.flip();
            active.append(buf);
            buf.clear();
            written.add(active);
        }
    }

    /** Deletes segments that neither the new checkpoint nor the previous one references. */
    private void retireSegments(Set<Integer> liveIds) throws IOException {
        List<Segment> gone = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (!liveIds.contains(s.id()) && !previousCheckpointSegments.contains(s.id())) {
                gone.add(s);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (Segment s : gone) {
                segments.remove(s.id());
                s.delete();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops chunks wholly older than {@code nowMs} minus the retention, and series left without
     * data. Segment files are deleted by a later commit, once no kept checkpoint refers to them.
     */
    public synchronized void enforceRetention(long nowMs) {
        enforceRetention(nowMs, 0);
    }

    /**
     * As {@link #enforceRetention(long)}, and, when the closed chunks take more than
     * {@code maxChunkBytes} (0: no limit), also the oldest of them until the rest fit: the cutoff
     * moves up to just after the newest chunk that does not fit, for every series alike.
     */
    public synchronized void enforceRetention(long nowMs, long maxChunkBytes) {
        ensureOpen();
        lock.writeLock().lock();
        try {
            long cutoff = Math.max(nowMs - options.retention().toMillis(), head.sizeCutoff(maxChunkBytes));
            if (cutoff > head.retentionCutoff()) {
                head.dropBefore(cutoff);
                dirty = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Replaces raw data older than {@code nowMs} minus the downsample age with five-minute rollups.
     * The boundary moves in whole blocks of two hours, aligned to the epoch.
     */
    public synchronized void downsample(long nowMs) {
        ensureOpen();
        long watermark = rollupWatermark(options.downsampleAge(), nowMs);
        lock.writeLock().lock();
        try {
            if (watermark > head.rollupWatermark()) {
                head.downsampleBefore(watermark);
                dirty = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static long rollupWatermark(Duration downsampleAge, long nowMs) {
        return Math.floorDiv(nowMs - downsampleAge.toMillis(), DOWNSAMPLE_BLOCK_MS) * DOWNSAMPLE_BLOCK_MS;
    }

    /**
     * The oldest timestamp a TSDB with this retention and downsample age still appends once its
     * upkeep ({@link #enforceRetention}, {@link #downsample}) has run at {@code nowMs}: older
     * samples are rejected as too old, so a receiver can refuse them before acknowledging.
     */
    public static long acceptedSince(Duration retention, Duration downsampleAge, long nowMs) {
        return Math.max(nowMs - retention.toMillis(), rollupWatermark(downsampleAge, nowMs));
    }

    // ---- reads ----

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return select(mint, maxt, matchers, SelectHints.NONE);
    }

    /**
     * As {@link Storage#select}; where data older than the downsampling boundary exists only as
     * rollups, {@code hints.function()} picks the aggregate returned (see {@link RollupColumn}).
     */
    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        Objects.requireNonNull(matchers, "matchers");
        RollupColumn column = RollupColumn.forFunction(hints == null ? "" : hints.function());
        lock.readLock().lock();
        try {
            ensureOpen();
            // Past retention nothing is answered, even what still sits in a chunk that straddles the cutoff.
            long from = Math.max(mint, head.retentionCutoff());
            if (from > maxt) {
                return List.of();
            }
            return head.select(from, maxt, matchers, column);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return head.labelNames(Math.max(mint, head.retentionCutoff()), maxt, matchers);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return head.labelValues(name, Math.max(mint, head.retentionCutoff()), maxt, matchers);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Current figures; cheap enough for a metrics endpoint scraped every few seconds. */
    public TsdbStats stats() {
        lock.readLock().lock();
        try {
            ensureOpen();
            long diskTotal = checkpointBytes;
            for (Segment s : segments.values()) {
                diskTotal += s.length();
            }
            return new TsdbStats(head.seriesCount(), head.rawSamples(), head.rollupCount(), head.memoryBytes(),
                    head.diskChunkBytes(), diskTotal, head.outOfOrderAppended(),
                    head.rejected(AppendResult.DUPLICATE), head.rejected(AppendResult.DUPLICATE_TIMESTAMP),
                    head.rejected(AppendResult.OUT_OF_ORDER_TOO_OLD), head.rejected(AppendResult.SERIES_LIMIT),
                    head.rejected(AppendResult.INVALID_LABELS), damagedRecordsSkipped, head.retentionCutoff());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Releases the files without committing; what was not committed is lost. */
    @Override
    public synchronized void close() throws IOException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeFiles();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeFiles() throws IOException {
        for (Segment s : segments.values()) {
            s.close();
        }
        segments.clear();
        dirLock.release();
        lockChannel.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TSDB at " + dir + " is closed");
        }
    }
}
