package dev.vigil.tsdb.disk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Unsigned LEB128 varints and length-prefixed UTF-8 strings for the on-disk formats. */
final class Varints {
    private Varints() {
    }

    static void put(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static long get(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }

    static int getInt(ByteBuffer in) {
        long v = get(in);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("varint " + v + " out of int range");
        }
        return (int) v;
    }

    static void putString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        put(out, b.length);
        out.writeBytes(b);
    }

    static String getString(ByteBuffer in) {
        int n = getInt(in);
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static void putLong(ByteArrayOutputStream out, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }
}
