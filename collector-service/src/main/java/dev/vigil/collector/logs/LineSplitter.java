package dev.vigil.collector.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into physical lines at {@code \n} (dropping a preceding {@code \r}), keeping
 * at most {@code maxBytes} of each line in memory and counting the rest, so one endless line
 * cannot exhaust the heap. Not thread-safe: one per file.
 */
final class LineSplitter {
    /** A physical line, the file offset just past its newline, and how many bytes were cut off it. */
    record Line(String text, long endOffset, long droppedBytes) {
    }

    private final int maxBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long dropped;

    LineSplitter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Feeds {@code len} bytes that start at file offset {@code offset}; complete lines go to {@code out}. */
    void feed(byte[] buf, int len, long offset, Consumer<Line> out) {
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                append(buf, start, i - start);
                out.accept(take(offset + i + 1));
                start = i + 1;
            }
        }
        append(buf, start, len - start);
    }

    /** Whether an unterminated line is being held. */
    boolean hasPending() {
        return current.size() > 0 || dropped > 0;
    }

    /** Emits the held unterminated line, for a file that will never grow again. */
    void flush(long endOffset, Consumer<Line> out) {
        if (hasPending()) {
            out.accept(take(endOffset));
        }
    }

    void reset() {
        current.reset();
        dropped = 0;
    }

    private void append(byte[] buf, int from, int len) {
        int room = Math.max(0, maxBytes - current.size());
        int kept = Math.min(room, len);
        current.write(buf, from, kept);
        dropped += len - kept;
    }

    private Line take(long endOffset) {
        byte[] bytes = current.toByteArray();
        int len = bytes.length;
        long cut = dropped;
        if (cut == 0 && len > 0 && bytes[len - 1] == '\r') {
            len--;
        } else if (cut > 0) {
            // Never split a multi-byte character when cutting a line short.
            int whole = Utf8.boundary(bytes, len);
            cut += len - whole;
            len = whole;
        }
        Line line = new Line(new String(bytes, 0, len, StandardCharsets.UTF_8), endOffset, cut);
        reset();
        return line;
    }
}
