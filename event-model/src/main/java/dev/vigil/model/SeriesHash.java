package dev.vigil.model;

import java.nio.charset.StandardCharsets;

/**
 * A stable 64-bit hash of a label set (FNV-1a over sorted name/value bytes with 0xff separators,
 * as Prometheus and Alertmanager fingerprint label sets). It is the Kafka record key of every
 * series and log stream, so the same series always lands in the same partition, on any JVM.
 */
public final class SeriesHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private SeriesHash() {
    }

    public static long of(Labels labels) {
        long h = OFFSET;
        for (int i = 0; i < labels.size(); i++) {
            h = mix(h, labels.name(i));
            h = (h ^ 0xff) * PRIME;
            h = mix(h, labels.value(i));
            h = (h ^ 0xff) * PRIME;
        }
        return h;
    }

    /** The hash as the 16-digit lower-case hex string used as a record key. */
    public static String hex(Labels labels) {
        return String.format("%016x", of(labels));
    }

    /**
     * The partition of a series or stream among {@code partitions}: every producer (collector,
     * remote write, push API, recording rules) uses this, so each series has exactly one owner.
     */
    public static int partition(Labels labels, int partitions) {
        return (int) Long.remainderUnsigned(of(labels), partitions);
    }

    /** The partition of a series whose {@link #of} hash is {@code hash}. */
    public static int partition(long hash, int partitions) {
        return (int) Long.remainderUnsigned(hash, partitions);
    }

    /** The hash of the empty label set; feed it the labels in name order with {@link #pair}. */
    public static long start() {
        return OFFSET;
    }

    /**
     * Adds one label, given as its UTF-8 name and value bytes in {@code buf}, to {@code h}: the
     * result equals {@link #of} for the same labels, without decoding them into strings.
     */
    public static long pair(long h, byte[] buf, int nameOff, int nameLen, int valueOff, int valueLen) {
        h = mix(h, buf, nameOff, nameLen);
        h = (h ^ 0xff) * PRIME;
        h = mix(h, buf, valueOff, valueLen);
        return (h ^ 0xff) * PRIME;
    }

    private static long mix(long h, byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            h ^= buf[i] & 0xff;
            h *= PRIME;
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= PRIME;
        }
        return h;
    }
}
