package dev.vigil.model.wire;

/**
 * A position in protobuf-encoded bytes, for the hot paths that walk a message without building
 * it (remote write in, {@code vigil.metrics} records into the TSDB). Every read is bounds-checked
 * against {@link #limit}; malformed input throws {@link Malformed}, which carries no stack trace
 * because callers use it only to pick a slower path or a dead-letter reason.
 */
public final class ProtoCursor {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;

    public ProtoCursor(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    public boolean hasMore() {
        return pos < limit;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    /** The next field's tag (field number << 3 | wire type); a zero tag is malformed. */
    public int readTag() {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw Malformed.INSTANCE;
        }
        return (int) tag;
    }

    public long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw Malformed.INSTANCE;
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw Malformed.INSTANCE;
    }

    public long readFixed64() {
        if (limit - pos < 8) {
            throw Malformed.INSTANCE;
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    /** Reads a length prefix and returns the end of the bytes it announces, which must fit. */
    public int readLengthEnd() {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw Malformed.INSTANCE;
        }
        return pos + (int) len;
    }

    public void seek(int position) {
        if (position < pos || position > limit) {
            throw Malformed.INSTANCE;
        }
        pos = position;
    }

    /** Skips the value of a field of {@code wireType}; groups (deprecated) are malformed here. */
    public void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> pos = readLengthEnd();
            case FIXED32 -> advance(4);
            default -> throw Malformed.INSTANCE;
        }
    }

    private void advance(int n) {
        if (limit - pos < n) {
            throw Malformed.INSTANCE;
        }
        pos += n;
    }

    /** The input is not valid protobuf (or uses a form the caller does not read). */
    public static final class Malformed extends RuntimeException {
        public static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("malformed protobuf", null, false, false);
        }
    }
}
