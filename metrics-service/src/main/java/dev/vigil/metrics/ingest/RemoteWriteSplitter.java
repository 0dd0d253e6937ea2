package dev.vigil.metrics.ingest;

import dev.vigil.model.SeriesHash;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.model.wire.ProtoCursor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a decompressed remote-write {@code WriteRequest} into {@code vigil.metrics} records, one
 * {@code MetricBatch} per partition, by copying bytes instead of decoding and re-encoding.
 *
 * <p>It works because the two schemas line up: a {@code TimeSeries}' label entries are, byte for
 * byte, a {@code vigil.v1.Series}' label entries, and a sample differs only in its field numbers
 * (remote write: value 1, timestamp 2; Vigil: timestamp 1, value 2), whose tags are one byte each,
 * so they are rewritten in place. Each series' partition is {@link SeriesHash} over its label bytes,
 * the same as for a decoded {@code Labels}.
 *
 * <p>It takes only the shape senders produce: labels sorted by name, ASCII, each name once, every
 * sample a plain value and timestamp. For anything else {@link #split} returns null and the caller
 * uses {@link RemoteWriteDecoder}, which accepts or rejects exactly as before.
 */
final class RemoteWriteSplitter {
    /** The decoder refuses this reserved label with its reason. */
    private static final byte[] TENANT_LABEL = Tenants.LABEL.getBytes(StandardCharsets.US_ASCII);
    private static final int TIMESERIES = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int SAMPLE = 2 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL_NAME = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final int LABEL_VALUE = 2 << 3 | ProtoCursor.LENGTH_DELIMITED;
    private static final byte RW_VALUE = 1 << 3 | ProtoCursor.FIXED64;
    private static final byte RW_TIMESTAMP = 2 << 3 | ProtoCursor.VARINT;
    private static final byte VIGIL_TIMESTAMP = 1 << 3 | ProtoCursor.VARINT;
    private static final byte VIGIL_VALUE = 2 << 3 | ProtoCursor.FIXED64;
    private static final byte SERIES = 1 << 3 | ProtoCursor.LENGTH_DELIMITED;

    /** The records by partition (null where a partition gets nothing) and the samples they hold. */
    record Split(byte[][] records, long samples) {
    }

    private RemoteWriteSplitter() {
    }

    /** @return the records, or null when the request needs {@link RemoteWriteDecoder} */
    static Split split(byte[] raw, int partitions) {
        return split(raw, partitions, WriteLimits.NONE);
    }

    /**
     * As {@link #split(byte[], int)}; a series beyond {@code limits} also returns null, so that the
     * decoder refuses the request with its reason.
     */
    static Split split(byte[] raw, int partitions, WriteLimits limits) {
        Buffer[] out = new Buffer[partitions];
        long samples = 0;
        try {
            ProtoCursor req = new ProtoCursor(raw, 0, raw.length);
            while (req.hasMore()) {
                int tag = req.readTag();
                if (tag != TIMESERIES) {
                    req.skip(tag & 7); // metadata and unknown fields, as the decoder ignores them
                    continue;
                }
                int end = req.readLengthEnd();
                int start = req.position();
                long n = series(raw, start, end, partitions, out, limits);
                if (n < 0) {
                    return null;
                }
                samples += n;
                req.seek(end);
            }
        } catch (ProtoCursor.Malformed e) {
            return null; // the decoder says what is wrong with it
        }
        byte[][] records = new byte[partitions][];
        for (int p = 0; p < partitions; p++) {
            records[p] = out[p] == null ? null : out[p].toArray();
        }
        return new Split(records, samples);
    }

    /** Copies one TimeSeries to its partition's record; returns its samples, or -1 to fall back. */
    private static long series(byte[] raw, int start, int end, int partitions, Buffer[] out, WriteLimits limits) {
        ProtoCursor ts = new ProtoCursor(raw, start, end);
        long hash = SeriesHash.start();
        int prevName = -1;
        int prevNameLen = 0;
        int labels = 0;
        int samples = 0;
        int bodyLen = 0; // label and sample entries only: unknown fields (exemplars, histograms) are dropped
        while (ts.hasMore()) {
            int entry = ts.position();
            int tag = ts.readTag();
            if (tag == LABEL) {
                int to = ts.readLengthEnd();
                ProtoCursor label = new ProtoCursor(raw, ts.position(), to);
                if (!label.hasMore() || label.readTag() != LABEL_NAME) {
                    return -1;
                }
                int nameEnd = label.readLengthEnd();
                int name = label.position();
                int nameLen = nameEnd - name;
                label.seek(nameEnd);
                int value = nameEnd;
                int valueLen = 0;
                if (label.hasMore()) {
                    if (label.readTag() != LABEL_VALUE) {
                        return -1;
                    }
                    int valueEnd = label.readLengthEnd();
                    value = label.position();
                    valueLen = valueEnd - value;
                    label.seek(valueEnd);
                }
                if (label.hasMore() || nameLen == 0 || !ascii(raw, name, nameLen) || !ascii(raw, value, valueLen)
                        || nameLen > limits.maxNameLength() || valueLen > limits.maxValueLength()
                        || Arrays.equals(raw, name, name + nameLen, TENANT_LABEL, 0, TENANT_LABEL.length)
                        || (prevName >= 0 && Arrays.compare(raw, prevName, prevName + prevNameLen, raw, name, name + nameLen) >= 0)) {
                    return -1;
                }
                prevName = name;
                prevNameLen = nameLen;
                if (valueLen > 0) { // an empty value means the label is absent
                    hash = SeriesHash.pair(hash, raw, name, nameLen, value, valueLen);
                    labels++;
                }
                bodyLen += to - entry;
                ts.seek(to);
            } else if (tag == SAMPLE) {
                int to = ts.readLengthEnd();
                if (!plainSample(raw, ts.position(), to, limits.minTimestampMs())) {
                    return -1;
                }
                samples++;
                bodyLen += to - entry;
                ts.seek(to);
            } else {
                ts.skip(tag & 7);
            }
        }
        if (labels == 0 || labels > limits.maxNames()) {
            return -1; // the decoder rejects it with its reason
        }
        if (samples == 0) {
            return 0; // nothing to store, as the decoder drops it
        }
        int p = SeriesHash.partition(hash, partitions);
        Buffer b = out[p] == null ? (out[p] = new Buffer(end - start + 16)) : out[p];
        b.put(SERIES);
        b.varint(bodyLen);
        copyEntries(raw, start, end, b);
        return samples;
    }

    /**
     * A sample holding only a value (fixed64) and a timestamp (varint), each at most once, no older
     * than {@code minTimestampMs} (an absent timestamp is 0).
     */
    private static boolean plainSample(byte[] raw, int from, int to, long minTimestampMs) {
        ProtoCursor s = new ProtoCursor(raw, from, to);
        boolean value = false;
        boolean timestamp = false;
        long ts = 0;
        while (s.hasMore()) {
            int tag = s.readTag();
            if (tag == RW_VALUE && !value) {
                value = true;
                s.skip(tag & 7);
            } else if (tag == RW_TIMESTAMP && !timestamp) {
                timestamp = true;
                ts = s.readVarint();
            } else {
                return false;
            }
        }
        return ts >= minTimestampMs;
    }

    private static void copyEntries(byte[] raw, int start, int end, Buffer b) {
        ProtoCursor ts = new ProtoCursor(raw, start, end);
        while (ts.hasMore()) {
            int entry = ts.position();
            int tag = ts.readTag();
            int to = tag == LABEL || tag == SAMPLE ? ts.readLengthEnd() : -1;
            if (to < 0) {
                ts.skip(tag & 7);
                continue;
            }
            int body = ts.position();
            int at = b.size();
            b.put(raw, entry, to - entry);
            if (tag == SAMPLE) {
                renumberSample(b.bytes(), at + (body - entry), at + (to - entry));
            }
            ts.seek(to);
        }
    }

    /** Rewrites a copied sample's one-byte tags to Vigil's field numbers; lengths do not change. */
    private static void renumberSample(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (buf[i] == RW_VALUE) {
                buf[i] = VIGIL_VALUE;
                i += 9;
            } else { // RW_TIMESTAMP, checked by plainSample
                buf[i] = VIGIL_TIMESTAMP;
                i++;
                while (buf[i++] < 0) {
                    // varint continuation bytes
                }
            }
        }
    }

    private static boolean ascii(byte[] raw, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (raw[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A growable byte array. */
    private static final class Buffer {
        private byte[] a;
        private int n;

        Buffer(int capacity) {
            a = new byte[capacity];
        }

        int size() {
            return n;
        }

        byte[] bytes() {
            return a;
        }

        void put(byte b) {
            ensure(1);
            a[n++] = b;
        }

        void put(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, a, n, len);
            n += len;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                a[n++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            a[n++] = (byte) v;
        }

        private void ensure(int more) {
            if (a.length - n < more) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
