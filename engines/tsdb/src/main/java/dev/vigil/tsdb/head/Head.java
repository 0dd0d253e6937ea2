package dev.vigil.tsdb.head;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.chunk.ChunkKind;
import dev.vigil.tsdb.chunk.Rollup;
import dev.vigil.tsdb.chunk.RollupChunk;
import dev.vigil.tsdb.chunk.SampleChunk;
import dev.vigil.tsdb.chunk.SampleChunks;
import dev.vigil.tsdb.chunk.XorAppender;
import dev.vigil.tsdb.chunk.XorChunk;
import dev.vigil.tsdb.chunk.XorIterator;
import dev.vigil.tsdb.disk.SeriesState;
import dev.vigil.tsdb.index.LabelIndex;
import dev.vigil.tsdb.read.SeriesSnapshot;
import dev.vigil.tsdb.rollup.Downsampler;
import dev.vigil.tsdb.rollup.RollupColumn;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * All series of the store in memory: the label index, each series' chunk list and open chunk, the
 * appends with their duplicate, out-of-order and limit rules, reads as snapshots, retention and
 * downsampling. It does no I/O itself except reading persisted chunks through {@link ChunkMeta};
 * chunks it closes wait in {@link #drainPending()} for the store to write them. Not thread-safe:
 * the store calls it under its read-write lock.
 */
public final class Head {
    /** Out-of-order samples are closed into a chunk of their own once this many are buffered. */
    static final int OOO_CHUNK_SAMPLES = 32;
    /** Rollups per rollup chunk at most (a day of five-minute buckets). */
    static final int ROLLUPS_PER_CHUNK = 288;

    private final TsdbOptions options;
    private final long oooWindowMs;
    private final long chunkMaxSpanMs;
    private final Map<Labels, MemSeries> byLabels = new HashMap<>();
    private final Map<Integer, MemSeries> byId = new HashMap<>();
    private final Map<String, Integer> seriesPerMetric = new HashMap<>();
    private final LabelIndex index = new LabelIndex();
    private final List<PendingChunk> pending = new ArrayList<>();
    private int nextSeriesId;
    private long retentionCutoff = Long.MIN_VALUE;
    private long rollupWatermark = Long.MIN_VALUE;
    private long rawSamples;
    private long rollupCount;
    private final long[] rejected = new long[AppendResult.values().length];
    private long outOfOrderAppended;

    public Head(TsdbOptions options) {
        this.options = options;
        this.oooWindowMs = options.outOfOrderWindow().toMillis();
        this.chunkMaxSpanMs = options.chunkMaxSpan().toMillis();
    }

    // ---- appends ----

    public AppendResult append(Labels labels, long t, double v) {
        MemSeries s = byLabels.get(labels);
        return s == null ? appendNew(labels, t, v) : appendTo(s, t, v);
    }

    /** As {@link #append(Labels, long, double)}, finding the series through {@code ref} when it can. */
    public AppendResult append(SeriesRef ref, long t, double v) {
        MemSeries s = ref.series;
        if (s == null || s.removed || ref.head != this) {
            s = byLabels.get(ref.labels());
            ref.head = this;
            if (s == null) {
                AppendResult r = appendNew(ref.labels(), t, v);
                ref.series = byLabels.get(ref.labels()); // null when the new series was refused
                return r;
            }
            ref.series = s;
        }
        return appendTo(s, t, v);
    }

    private AppendResult appendNew(Labels labels, long t, double v) {
        AppendResult r = labels.isEmpty() ? AppendResult.INVALID_LABELS
                : t < floor() ? AppendResult.OUT_OF_ORDER_TOO_OLD
                : seriesPerMetric.getOrDefault(labels.metricName(), 0) >= options.maxSeriesPerMetric()
                ? AppendResult.SERIES_LIMIT : AppendResult.APPENDED;
        if (r != AppendResult.APPENDED) {
            rejected[r.ordinal()]++;
            return r;
        }
        MemSeries s = createSeries(nextSeriesId++, labels);
        appendInOrder(s, t, v, Double.doubleToRawLongBits(v));
        return AppendResult.APPENDED;
    }

    private AppendResult appendTo(MemSeries s, long t, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (t > s.maxTime && t >= floor()) {
            appendInOrder(s, t, v, bits);
            return AppendResult.APPENDED;
        }
        AppendResult r;
        if (t == s.maxTime) {
            r = bits == s.lastValueBits ? AppendResult.DUPLICATE : AppendResult.DUPLICATE_TIMESTAMP;
        } else if (t < floor() || t < s.maxTime - oooWindowMs) {
            r = AppendResult.OUT_OF_ORDER_TOO_OLD;
        } else {
            OptionalLong existing = s.valueAt(t);
            if (existing.isPresent()) {
                r = existing.getAsLong() == bits ? AppendResult.DUPLICATE : AppendResult.DUPLICATE_TIMESTAMP;
            } else {
                appendOutOfOrder(s, t, v);
                return AppendResult.APPENDED;
            }
        }
        rejected[r.ordinal()]++;
        return r;
    }

    private long floor() {
        return Math.max(retentionCutoff, rollupWatermark);
    }

    private MemSeries createSeries(int id, Labels labels) {
        MemSeries s = new MemSeries(id, labels);
        byLabels.put(labels, s);
        byId.put(id, s);
        seriesPerMetric.merge(labels.metricName(), 1, Integer::sum);
        index.add(id, labels);
        return s;
    }

    private void appendInOrder(MemSeries s, long t, double v, long bits) {
        if (s.head != null && t - s.headMinTime >= chunkMaxSpanMs) {
            cutHead(s);
        }
        if (s.head == null) {
            s.head = new XorAppender();
            s.headMinTime = t;
        }
        s.head.append(t, v);
        s.maxTime = t;
        s.lastValueBits = bits;
        rawSamples++;
        if (s.head.count() >= options.chunkTargetSamples()) {
            cutHead(s);
        }
    }

    private void cutHead(MemSeries s) {
        SampleChunk c = SampleChunks.closed(s.head.toChunk());
        ChunkMeta meta = ChunkMeta.inMemory(c.kind(), s.headMinTime, s.maxTime, c.count(), c.bytes());
        s.insertChunk(s.chunks, meta);
        pending.add(new PendingChunk(s.id, meta));
        s.head = null;
    }

    private void appendOutOfOrder(MemSeries s, long t, double v) {
        s.ooo.insert(t, v);
        rawSamples++;
        outOfOrderAppended++;
        if (s.ooo.size() >= OOO_CHUNK_SAMPLES) {
            XorAppender a = new XorAppender();
            long[] ts = s.ooo.times(Long.MIN_VALUE, Long.MAX_VALUE);
            double[] vs = s.ooo.values(Long.MIN_VALUE, Long.MAX_VALUE);
            for (int i = 0; i < ts.length; i++) {
                a.append(ts[i], vs[i]);
            }
            SampleChunk c = SampleChunks.closed(a.toChunk());
            ChunkMeta meta = ChunkMeta.inMemory(c.kind(), ts[0], ts[ts.length - 1], ts.length, c.bytes());
            s.insertChunk(s.chunks, meta);
            pending.add(new PendingChunk(s.id, meta));
            s.ooo.clear();
        }
    }

    // ---- reads ----

    /** Series matching the matchers with samples in [mint, maxt], sorted by labels. */
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, RollupColumn column) {
        List<MemSeries> matched = matching(matchers);
        matched.sort((a, b) -> a.labels.compareTo(b.labels));
        List<Series> out = new ArrayList<>();
        for (MemSeries s : matched) {
            SeriesSnapshot snap = Snapshots.of(s, mint, maxt, rollupWatermark, column);
            if (snap.hasSamples()) {
                out.add(snap);
            }
        }
        return out;
    }

    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        for (MemSeries s : matching(matchers)) {
            if (overlaps(s, mint, maxt)) {
                for (int i = 0; i < s.labels.size(); i++) {
                    names.add(s.labels.name(i));
                }
            }
        }
        return List.copyOf(names);
    }

    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> values = new TreeSet<>();
        for (MemSeries s : matching(matchers)) {
            String v = s.labels.get(name);
            if (!v.isEmpty() && overlaps(s, mint, maxt)) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    private static boolean overlaps(MemSeries s, long mint, long maxt) {
        return s.minTime() <= maxt && s.newestTime() >= mint;
    }

    private List<MemSeries> matching(List<LabelMatcher> matchers) {
        BitSet ids = index.select(matchers);
        List<MemSeries> out = new ArrayList<>(ids.cardinality());
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            out.add(byId.get(id));
        }
        return out;
    }

    // ---- retention and downsampling ----

    /**
     * The time before which closed chunks (raw and rollup) must go for the rest to fit in
     * {@code maxBytes} (counted as {@link #diskChunkBytes()} counts them): just after the newest
     * chunk that does not fit. MIN_VALUE when all fit.
     */
    public long sizeCutoff(long maxBytes) {
        List<ChunkMeta> all = new ArrayList<>();
        long total = 0;
        for (MemSeries s : byId.values()) {
            for (ChunkMeta c : s.chunks) {
                all.add(c);
                total += footprint(c);
            }
            for (ChunkMeta c : s.rollups) {
                all.add(c);
                total += footprint(c);
            }
        }
        if (maxBytes <= 0 || total <= maxBytes) {
            return Long.MIN_VALUE;
        }
        all.sort(Comparator.comparingLong(ChunkMeta::maxTime).reversed());
        long kept = 0;
        for (ChunkMeta c : all) {
            kept += footprint(c);
            if (kept > maxBytes) {
                return c.maxTime() + 1;
            }
        }
        return Long.MIN_VALUE;
    }

    /** A closed chunk's bytes on disk (its segment record, framing included), or its data while not yet written. */
    private static long footprint(ChunkMeta c) {
        return c.inMemory() ? c.sizeBytes() : c.recordLength();
    }

    /** Drops chunks and samples wholly before {@code cutoff}, and series left without data. */
    public void dropBefore(long cutoff) {
        if (cutoff <= retentionCutoff) {
            return;
        }
        retentionCutoff = cutoff;
        Iterator<MemSeries> it = byId.values().iterator();
        while (it.hasNext()) {
            MemSeries s = it.next();
            rawSamples -= dropChunks(s.chunks, cutoff);
            rollupCount -= dropChunks(s.rollups, cutoff);
            if (s.head != null && s.maxTime < cutoff) {
                rawSamples -= s.head.count();
                s.head = null;
            }
            rawSamples -= s.ooo.dropBefore(cutoff);
            if (s.isEmpty()) {
                it.remove();
                s.removed = true;
                byLabels.remove(s.labels);
                seriesPerMetric.computeIfPresent(s.labels.metricName(), (k, n) -> n <= 1 ? null : n - 1);
                index.remove(s.id, s.labels);
            }
        }
    }

    private static long dropChunks(List<ChunkMeta> chunks, long cutoff) {
        long dropped = 0;
        Iterator<ChunkMeta> it = chunks.iterator();
        while (it.hasNext()) {
            ChunkMeta c = it.next();
            if (c.maxTime() < cutoff) {
                c.drop();
                dropped += c.count();
                it.remove();
            }
        }
        return dropped;
    }

    /**
     * Replaces raw data before {@code watermark} with rollups: every series' samples between the
     * previous watermark and this one are folded into five-minute buckets, then raw chunks that
     * end before the watermark are dropped. Raw chunks straddling it stay, and reads skip their
     * samples before it.
     */
    public void downsampleBefore(long watermark) {
        if (watermark <= rollupWatermark) {
            return;
        }
        long from = rollupWatermark;
        for (MemSeries s : byId.values()) {
            SeriesSnapshot raw = Snapshots.of(s, from, watermark - 1, rollupWatermark, RollupColumn.LAST);
            SampleCursor cursor = raw.cursor();
            List<Rollup> rollups = Downsampler.aggregate(cursor);
            for (int i = 0; i < rollups.size(); i += ROLLUPS_PER_CHUNK) {
                List<Rollup> part = rollups.subList(i, Math.min(rollups.size(), i + ROLLUPS_PER_CHUNK));
                RollupChunk rc = RollupChunk.encode(part);
                ChunkMeta meta = ChunkMeta.inMemory(ChunkKind.ROLLUP, part.get(0).timestampMs(),
                        part.get(part.size() - 1).timestampMs(), part.size(), rc.bytes());
                s.insertChunk(s.rollups, meta);
                pending.add(new PendingChunk(s.id, meta));
                rollupCount += part.size();
            }
            rawSamples -= dropChunks(s.chunks, watermark);
            if (s.head != null && s.maxTime < watermark) {
                rawSamples -= s.head.count();
                s.head = null;
            }
            rawSamples -= s.ooo.dropBefore(watermark);
        }
        rollupWatermark = watermark;
    }

    // ---- persistence hooks ----

    /** Chunks closed since the last call, for the store to write; dropped ones are left out. */
    public List<PendingChunk> drainPending() {
        List<PendingChunk> out = new ArrayList<>(pending.size());
        for (PendingChunk p : pending) {
            if (!p.meta().dropped()) {
                out.add(p);
            }
        }
        pending.clear();
        return out;
    }

    /** Puts chunks back at the front of the queue after a commit failed to write them. */
    public void requeue(List<PendingChunk> chunks) {
        pending.addAll(0, chunks);
    }

    /** The series table and open heads, for a checkpoint. */
    public List<SeriesState> seriesStates() {
        List<SeriesState> out = new ArrayList<>(byId.size());
        for (MemSeries s : byId.values()) {
            byte[] head = s.head == null ? new byte[0] : s.head.toChunk().bytes();
            long[] oooT = s.ooo.times(Long.MIN_VALUE, Long.MAX_VALUE);
            double[] oooV = s.ooo.values(Long.MIN_VALUE, Long.MAX_VALUE);
            out.add(new SeriesState(s.id, s.labels, s.maxTime, s.lastValueBits, head, oooT, oooV));
        }
        return out;
    }

    /** Restores a series from a checkpoint. */
    public void restore(SeriesState state) {
        MemSeries s = createSeries(state.id(), state.labels());
        nextSeriesId = Math.max(nextSeriesId, state.id() + 1);
        s.maxTime = state.maxTime();
        s.lastValueBits = state.lastValueBits();
        if (state.headChunk().length > 0) {
            XorChunk c = XorChunk.of(state.headChunk());
            if (c.count() > 0) {
                s.head = XorAppender.resume(c);
                XorIterator it = c.iterator();
                it.next();
                s.headMinTime = it.timestamp();
                rawSamples += c.count();
            }
        }
        for (int i = 0; i < state.oooTimes().length; i++) {
            s.ooo.insert(state.oooTimes()[i], state.oooValues()[i]);
            rawSamples++;
        }
    }

    /**
     * Attaches a persisted chunk found in a segment; false when it is not live (its series is gone,
     * or retention or downsampling dropped it before the checkpoint).
     */
    public boolean attach(int seriesId, ChunkMeta meta) {
        MemSeries s = byId.get(seriesId);
        if (s == null || meta.maxTime() < retentionCutoff
                || (meta.kind().raw() && meta.maxTime() < rollupWatermark)) {
            return false;
        }
        if (meta.kind().raw()) {
            s.insertChunk(s.chunks, meta);
            rawSamples += meta.count();
        } else {
            s.insertChunk(s.rollups, meta);
            rollupCount += meta.count();
        }
        return true;
    }

    public void restoreWatermarks(long retentionCutoff, long rollupWatermark, int nextSeriesId) {
        this.retentionCutoff = retentionCutoff;
        this.rollupWatermark = rollupWatermark;
        this.nextSeriesId = Math.max(this.nextSeriesId, nextSeriesId);
    }

    // ---- figures ----

    public int nextSeriesId() {
        return nextSeriesId;
    }

    public long retentionCutoff() {
        return retentionCutoff;
    }

    public long rollupWatermark() {
        return rollupWatermark;
    }

    public int seriesCount() {
        return byId.size();
    }

    public long rawSamples() {
        return rawSamples;
    }

    public long rollupCount() {
        return rollupCount;
    }

    public long outOfOrderAppended() {
        return outOfOrderAppended;
    }

    public long rejected(AppendResult r) {
        return rejected[r.ordinal()];
    }

    /** Encoded bytes held in memory: open heads, buffered late samples and uncommitted chunks. */
    public long memoryBytes() {
        long n = 0;
        for (MemSeries s : byId.values()) {
            n += s.memoryBytes();
        }
        return n;
    }

    /** Bytes of the segment records of persisted live chunks, framing included. */
    public long diskChunkBytes() {
        long n = 0;
        for (MemSeries s : byId.values()) {
            n += s.diskBytes();
        }
        return n;
    }
}
