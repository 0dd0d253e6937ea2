package dev.vigil.model.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Values by the encoded bytes of a label set: a series sends the same label bytes with every
 * sample, so after the first record whatever the reader keeps for it (its labels, a handle on it)
 * is found by hashing and comparing bytes, with no string decoding, sorting or string comparison. Open addressing, linear probing. When it holds
 * {@code maxEntries} it starts over empty, which bounds its memory under series churn.
 * Not thread-safe: one per consumer task.
 */
public final class LabelBytesCache<V> {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0x9E3779B97F4A7C15L;

    private final int maxEntries;
    private byte[][] keys;
    private int[] hashes;
    private Object[] values;
    private int size;

    public LabelBytesCache(int maxEntries) {
        this.maxEntries = maxEntries;
        clear(16);
    }

    public int size() {
        return size;
    }

    /** The value cached for {@code buf[from, to)}, or null. */
    @SuppressWarnings("unchecked")
    public V get(byte[] buf, int from, int to) {
        int h = hash(buf, from, to);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, buf, from, to)) {
                return (V) values[i];
            }
        }
    }

    /** Caches {@code value} for a copy of {@code buf[from, to)}, which must not be cached yet. */
    public void put(byte[] buf, int from, int to, V value) {
        if (size >= maxEntries) {
            clear(16);
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(buf, from, to), hash(buf, from, to), value);
        size++;
    }

    private void insert(byte[] key, int h, Object value) {
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = h;
        values[i] = value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        int oldSize = size;
        clear(oldKeys.length * 2);
        size = oldSize;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private void clear(int capacity) {
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        size = 0;
    }

    /** Eight bytes at a time: label sets run to a few hundred bytes and this is per sample. */
    static int hash(byte[] buf, int from, int to) {
        long h = (to - from) * M;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(buf, i)) * M;
            h ^= h >>> 29;
        }
        for (; i < to; i++) {
            h = (h ^ (buf[i] & 0xff)) * M;
        }
        h ^= h >>> 32;
        return (int) h;
    }
}
