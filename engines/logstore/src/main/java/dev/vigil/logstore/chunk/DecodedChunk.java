package dev.vigil.logstore.chunk;

import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * A decompressed chunk: timestamps and line boundaries decoded, lines left as bytes in
 * {@link #buffer()} until someone asks for a {@code String}.
 */
public final class DecodedChunk {
    private final byte[] buf;
    private final long[] ts;
    private final int[] starts;
    private final Labels[] meta;

    DecodedChunk(byte[] buf, long[] ts, int[] starts, Labels[] meta) {
        this.buf = buf;
        this.ts = ts;
        this.starts = starts;
        this.meta = meta;
    }

    public int size() {
        return ts.length;
    }

    public long timestamp(int i) {
        return ts[i];
    }

    /** The buffer holding every line back to back from {@link #linesStart()}. */
    public byte[] buffer() {
        return buf;
    }

    public int lineStart(int i) {
        return starts[i];
    }

    public int lineEnd(int i) {
        return starts[i + 1];
    }

    public int linesStart() {
        return starts[0];
    }

    public int linesEnd() {
        return starts[ts.length];
    }

    public String line(int i) {
        return new String(buf, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8);
    }

    public Labels metadata(int i) {
        return meta == null ? Labels.EMPTY : meta[i];
    }

    /** Index of the first entry with timestamp {@code >= t} (size() when none). */
    public int lowerBound(long t) {
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the entry whose line contains byte offset {@code pos} of the buffer. */
    public int entryAt(int pos) {
        int lo = 0;
        int hi = ts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
