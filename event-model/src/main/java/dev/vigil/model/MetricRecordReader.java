package dev.vigil.model;

import dev.vigil.model.wire.LabelBytesCache;
import dev.vigil.model.wire.ProtoCursor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads {@code vigil.metrics} records ({@code MetricBatch}) straight from their bytes into a
 * {@link SampleSink}: what {@link MetricCodec#decode} does, without building a message, a label
 * map or a sample object per sample. A series' labels are decoded the first time their bytes are
 * seen and turned into the caller's handle on that series ({@code S}); afterwards the handle is
 * found by those bytes ({@link LabelBytesCache}), so a store can keep in it whatever spares it
 * looking the series up again.
 *
 * <p>A record is checked whole before any sample reaches the sink: one that does not decode
 * throws {@link DecodeException} and delivers nothing, as {@link MetricCodec#decode} would.
 * Not thread-safe: one per consumer task.
 */
public final class MetricRecordReader<S> {
    /** Receives the samples of a record, series by series, each series' samples in record order. */
    @FunctionalInterface
    public interface SampleSink<S> {
        void append(S series, long timestampMs, double value);
    }

    private static final int SERIES = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int SAMPLE = 2 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL_NAME = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL_VALUE = 2 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int SAMPLE_TIMESTAMP = 1 << 3 | ProtoCursor.VARINT;
    private static final int SAMPLE_VALUE = 2 << 3 | ProtoCursor.FIXED64;

    private final Function<Labels, S> resolve;
    private final LabelBytesCache<S> cache;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private Object[] seriesHandles = new Object[64];
    private int[] seriesBounds = new int[128];
    private byte[] scratch = new byte[256];

    /**
     * @param resolve the caller's handle on a series, from its label set; called once per label
     *                encoding seen (again after the cache starts over)
     * @param maxCachedSeries handles kept before the cache starts over
     */
    public MetricRecordReader(Function<Labels, S> resolve, int maxCachedSeries) {
        this.resolve = resolve;
        this.cache = new LabelBytesCache<>(maxCachedSeries);
    }

    /** Delivers every sample of {@code record} to {@code sink}; returns how many. */
    @SuppressWarnings("unchecked")
    public long read(byte[] record, SampleSink<S> sink) {
        if (record == null) {
            throw new DecodeException("metric record has no value", null);
        }
        int n;
        try {
            n = resolveSeries(record);
        } catch (ProtoCursor.Malformed e) {
            throw new DecodeException("not a vigil.v1.MetricBatch: malformed protobuf", null);
        }
        long samples = 0;
        for (int i = 0; i < n; i++) {
            samples += deliver(record, seriesBounds[2 * i], seriesBounds[2 * i + 1], (S) seriesHandles[i], sink);
        }
        return samples;
    }

    /** First pass: checks the whole record and finds each series' labels; returns the series count. */
    private int resolveSeries(byte[] record) {
        ProtoCursor batch = new ProtoCursor(record, 0, record.length);
        int n = 0;
        while (batch.hasMore()) {
            int tag = batch.readTag();
            if (tag != SERIES) {
                batch.skip(tag & 7);
                continue;
            }
            int end = batch.readLengthEnd();
            int start = batch.position();
            S series = seriesHandle(record, start, end);
            if (n == seriesHandles.length) {
                seriesHandles = Arrays.copyOf(seriesHandles, n * 2);
                seriesBounds = Arrays.copyOf(seriesBounds, n * 4);
            }
            seriesHandles[n] = series;
            seriesBounds[2 * n] = start;
            seriesBounds[2 * n + 1] = end;
            n++;
            batch.seek(end);
        }
        return n;
    }

    /** The handle on the series in {@code record[start, end)}, checking its samples on the way. */
    private S seriesHandle(byte[] record, int start, int end) {
        ProtoCursor series = new ProtoCursor(record, start, end);
        int labelsFrom = -1;
        int labelsTo = -1;
        boolean contiguous = true;
        while (series.hasMore()) {
            int entry = series.position();
            int tag = series.readTag();
            if (tag == LABEL) {
                int to = series.readLengthEnd();
                if (labelsFrom < 0) {
                    labelsFrom = entry;
                } else if (labelsTo != entry) {
                    contiguous = false;
                }
                labelsTo = to;
                series.seek(to);
            } else if (tag == SAMPLE) {
                int to = series.readLengthEnd();
                checkSample(record, series.position(), to);
                series.seek(to);
            } else {
                series.skip(tag & 7);
            }
        }
        if (labelsFrom < 0) {
            throw new DecodeException("a series in the batch has no labels", null);
        }
        if (contiguous) {
            return lookup(record, labelsFrom, labelsTo);
        }
        // label entries interleaved with other fields: gather them so the key is still their bytes
        int len = gatherLabels(record, start, end);
        return lookup(scratch, 0, len);
    }

    private S lookup(byte[] buf, int from, int to) {
        S series = cache.get(buf, from, to);
        if (series == null) {
            series = resolve.apply(decodeLabels(buf, from, to));
            cache.put(buf, from, to, series);
        }
        return series;
    }

    private int gatherLabels(byte[] record, int start, int end) {
        ProtoCursor series = new ProtoCursor(record, start, end);
        int len = 0;
        while (series.hasMore()) {
            int entry = series.position();
            int tag = series.readTag();
            if (tag == LABEL) {
                int to = series.readLengthEnd();
                if (scratch.length < len + (to - entry)) {
                    scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, len + (to - entry)));
                }
                System.arraycopy(record, entry, scratch, len, to - entry);
                len += to - entry;
                series.seek(to);
            } else {
                series.skip(tag & 7);
            }
        }
        return len;
    }

    /** Label entries (tag, length, Label message) to a label set, with the checks of {@link ProtoLabels#read}. */
    private Labels decodeLabels(byte[] buf, int from, int to) {
        ProtoCursor entries = new ProtoCursor(buf, from, to);
        TreeMap<String, String> m = new TreeMap<>();
        while (entries.hasMore()) {
            entries.readTag(); // every entry here is a LABEL
            int end = entries.readLengthEnd();
            ProtoCursor label = new ProtoCursor(buf, entries.position(), end);
            String name = "";
            String value = "";
            while (label.hasMore()) {
                int tag = label.readTag();
                if (tag == LABEL_NAME || tag == LABEL_VALUE) {
                    int stop = label.readLengthEnd();
                    String s = utf8(buf, label.position(), stop);
                    label.seek(stop);
                    if (tag == LABEL_NAME) {
                        name = s;
                    } else {
                        value = s;
                    }
                } else {
                    label.skip(tag & 7);
                }
            }
            if (name.isEmpty()) {
                throw new DecodeException("a label has an empty name", null);
            }
            m.put(name, value);
            entries.seek(end);
        }
        Labels labels = Labels.from(m);
        if (labels.isEmpty()) {
            throw new DecodeException("a series in the batch has no labels", null);
        }
        return labels;
    }

    private String utf8(byte[] buf, int from, int to) {
        try {
            return utf8.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("not a vigil.v1.MetricBatch: a label is not valid UTF-8", e);
        }
    }

    private static void checkSample(byte[] record, int from, int to) {
        ProtoCursor sample = new ProtoCursor(record, from, to);
        while (sample.hasMore()) {
            sample.skip(sample.readTag() & 7);
        }
    }

    /** Second pass: the samples of one (already checked) series to the sink. */
    private static <S> int deliver(byte[] record, int start, int end, S handle, SampleSink<S> sink) {
        ProtoCursor series = new ProtoCursor(record, start, end);
        int n = 0;
        while (series.hasMore()) {
            int tag = series.readTag();
            if (tag != SAMPLE) {
                series.skip(tag & 7);
                continue;
            }
            int to = series.readLengthEnd();
            ProtoCursor sample = new ProtoCursor(record, series.position(), to);
            long t = 0;
            long bits = 0;
            while (sample.hasMore()) {
                int field = sample.readTag();
                if (field == SAMPLE_TIMESTAMP) {
                    t = sample.readVarint();
                } else if (field == SAMPLE_VALUE) {
                    bits = sample.readFixed64();
                } else {
                    sample.skip(field & 7);
                }
            }
            sink.append(handle, t, Double.longBitsToDouble(bits));
            n++;
            series.seek(to);
        }
        return n;
    }
}
