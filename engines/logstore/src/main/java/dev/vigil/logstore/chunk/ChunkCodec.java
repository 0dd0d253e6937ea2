package dev.vigil.logstore.chunk;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.vigil.model.Labels;

/**
 * The chunk block format. A chunk holds one stream's entries sorted by timestamp, as one zstd
 * frame of this payload:
 *
 * <pre>
 * varint  n                      number of entries
 * varint  flags                  bit 0: entries carry structured metadata
 * svarint ts[0]                  first timestamp (when n &gt; 0)
 * planes  ts[i]-ts[i-1], i &gt; 0  deltas, never negative as entries are sorted (see writePlanes)
 * planes  len[i]                 UTF-8 length of each line
 * [per entry: labels]            only when flag bit 0 is set (see {@link LabelsCodec})
 * bytes   line[0] line[1] ...    the lines, back to back
 * </pre>
 *
 * Columns rather than rows because timestamps, lengths and text compress best each among their
 * own kind, and because keeping the lines contiguous lets a scan search the whole block for a
 * needle at once ({@link DecodedChunk#linesStart()}).
 */
public final class ChunkCodec {
    private static final int FLAG_METADATA = 1;

    private ChunkCodec() {
    }

    /**
     * Writes the uncompressed payload of {@code n} sorted entries into {@code out} (cleared first).
     * {@code meta} may hold {@code null} or {@link Labels#EMPTY} for entries without metadata.
     */
    public static void encodePayload(ByteSink out, long[] ts, byte[][] lines, Labels[] meta, int n) {
        out.clear();
        boolean hasMeta = false;
        for (int i = 0; i < n && !hasMeta; i++) {
            hasMeta = meta[i] != null && !meta[i].isEmpty();
        }
        out.writeVarInt(n);
        out.writeVarInt(hasMeta ? FLAG_METADATA : 0);
        long[] column = new long[n];
        if (n > 0) {
            out.writeSignedVarLong(ts[0]);
        }
        for (int i = 1; i < n; i++) {
            column[i - 1] = ts[i] - ts[i - 1];
            if (column[i - 1] < 0) {
                throw new IllegalArgumentException("chunk entries must be sorted by timestamp");
            }
        }
        writePlanes(out, column, Math.max(0, n - 1));
        for (int i = 0; i < n; i++) {
            column[i] = lines[i].length;
        }
        writePlanes(out, column, n);
        if (hasMeta) {
            for (int i = 0; i < n; i++) {
                LabelsCodec.write(out, meta[i] == null ? Labels.EMPTY : meta[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out.writeBytes(lines[i]);
        }
    }

    /**
     * Writes {@code n} non-negative values as a width byte {@code w} followed by {@code w} byte
     * planes of {@code n} bytes each, most significant plane first. Each plane holds bytes of one
     * significance, whose distribution zstd's entropy coder can learn; varints would interleave
     * near-constant high bytes with random low bytes.
     */
    private static void writePlanes(ByteSink out, long[] v, int n) {
        long max = 0;
        for (int i = 0; i < n; i++) {
            max |= v[i];
        }
        int width = (64 - Long.numberOfLeadingZeros(max) + 7) / 8;
        out.writeByte(width);
        for (int plane = width - 1; plane >= 0; plane--) {
            int shift = plane * 8;
            for (int i = 0; i < n; i++) {
                out.writeByte((int) (v[i] >>> shift));
            }
        }
    }

    private static void readPlanes(ByteSource in, long[] v, int n) {
        int width = in.readByte();
        if (width > 8) {
            throw new CorruptDataException("column width " + width + " exceeds 8 bytes");
        }
        java.util.Arrays.fill(v, 0, n, 0L);
        for (int plane = width - 1; plane >= 0; plane--) {
            int shift = plane * 8;
            for (int i = 0; i < n; i++) {
                v[i] |= (long) in.readByte() << shift;
            }
        }
    }

    /** Compresses {@code payload[0, len)} with a caller-owned context (contexts are not thread-safe). */
    public static byte[] compress(ZstdCompressCtx ctx, byte[] payload, int len) {
        byte[] dst = new byte[(int) Zstd.compressBound(len)];
        int written = ctx.compressByteArray(dst, 0, dst.length, payload, 0, len);
        byte[] out = new byte[written];
        System.arraycopy(dst, 0, out, 0, written);
        return out;
    }

    /**
     * Decompresses a chunk frame into {@code scratch} when it is large enough (else a new array)
     * and decodes its columns.
     */
    public static DecodedChunk decode(byte[] compressed, int off, int len, int payloadLen, byte[] scratch) {
        byte[] buf = scratch != null && scratch.length >= payloadLen ? scratch : new byte[payloadLen];
        ZstdDecompressCtx ctx = DecompressContexts.borrow();
        int got;
        try {
            got = ctx.decompressByteArray(buf, 0, payloadLen, compressed, off, len);
        } catch (RuntimeException e) {
            // A context that failed mid-frame is not trusted with the next chunk.
            ctx.close();
            throw new CorruptDataException("chunk does not decompress: " + e.getMessage());
        }
        DecompressContexts.giveBack(ctx);
        if (got != payloadLen) {
            throw new CorruptDataException("chunk does not decompress to its recorded size " + payloadLen + ", got " + got);
        }
        return decodePayload(buf, payloadLen);
    }

    /** Decodes an uncompressed payload held in {@code buf[0, len)}. */
    public static DecodedChunk decodePayload(byte[] buf, int len) {
        ByteSource in = new ByteSource(buf, 0, len);
        int n = in.readVarInt();
        if (n > len) {
            throw new CorruptDataException("entry count " + n + " exceeds the chunk size");
        }
        int flags = in.readVarInt();
        long[] ts = new long[n];
        if (n > 0) {
            ts[0] = in.readSignedVarLong();
        }
        long[] column = new long[n];
        readPlanes(in, column, Math.max(0, n - 1));
        for (int i = 1; i < n; i++) {
            ts[i] = ts[i - 1] + column[i - 1];
        }
        readPlanes(in, column, n);
        int[] starts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (column[i] > Integer.MAX_VALUE) {
                throw new CorruptDataException("line length " + column[i] + " is impossible");
            }
            starts[i + 1] = starts[i] + (int) column[i];
        }
        Labels[] meta = null;
        if ((flags & FLAG_METADATA) != 0) {
            meta = new Labels[n];
            for (int i = 0; i < n; i++) {
                meta[i] = LabelsCodec.read(in);
            }
        }
        int base = in.position();
        if (base + starts[n] != len || starts[n] < 0) {
            throw new CorruptDataException("line lengths do not add up to the chunk size");
        }
        for (int i = 0; i <= n; i++) {
            starts[i] += base;
        }
        return new DecodedChunk(buf, ts, starts, meta);
    }
}
