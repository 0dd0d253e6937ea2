package dev.vigil.tsdb.disk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordFramingTest {
    @TempDir
    Path dir;

    /** Payloads whose varint lengths take one, two and three bytes. */
    private static final int[] SIZES = {1, 127, 128, 300, 20_000};

    @Test
    void recordsOfEveryLengthSizeReadBackWithTheirFrameLengths() throws IOException {
        Segment seg = Segment.create(dir, 0);
        List<byte[]> written = writeAll(seg);
        List<byte[]> read = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        long end = RecordFraming.scan(seg, seg.length(), (offset, payload, recordLength) -> {
            read.add(payload);
            lengths.add(recordLength);
        });
        assertEquals(seg.length(), end);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(written.get(i), read.get(i));
            assertEquals(RecordFraming.recordLength(written.get(i).length), lengths.get(i));
        }
        assertEquals(1 + 4 + 1, RecordFraming.recordLength(1));
        assertEquals(3 + 4 + 20_000, RecordFraming.recordLength(20_000));
    }

    @Test
    void scanStopsBeforeATornRecordWhereverTheCutFalls() throws IOException {
        Segment seg = Segment.create(dir, 0);
        writeAll(seg);
        List<Long> recordEnds = new ArrayList<>();
        RecordFraming.scan(seg, seg.length(), (offset, payload, recordLength) -> recordEnds.add(offset + payload.length));
        for (long cut = Segment.MAGIC.length; cut < seg.length(); cut++) {
            int[] seen = {0};
            long end = RecordFraming.scan(seg, cut, (offset, payload, recordLength) -> seen[0]++);
            long lastWhole = Segment.MAGIC.length;
            int whole = 0;
            for (long e : recordEnds) {
                if (e <= cut) {
                    lastWhole = e;
                    whole++;
                }
            }
            assertEquals(lastWhole, end, "cut at " + cut);
            assertEquals(whole, seen[0], "cut at " + cut);
        }
    }

    @Test
    void scanStopsAtARecordWhosePayloadNoLongerMatchesItsCrc() throws IOException {
        Segment seg = Segment.create(dir, 0);
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5, 6};
        append(seg, first);
        long secondAt = seg.length();
        append(seg, second);
        byte[] damaged = seg.read(0, (int) seg.length());
        damaged[damaged.length - 1] ^= 1;
        seg.truncate(0);
        seg.append(ByteBuffer.wrap(damaged));
        int[] seen = {0};
        assertEquals(secondAt, RecordFraming.scan(seg, seg.length(), (offset, payload, recordLength) -> seen[0]++));
        assertEquals(1, seen[0]);
    }

    private static List<byte[]> writeAll(Segment seg) throws IOException {
        List<byte[]> written = new ArrayList<>();
        for (int size : SIZES) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) size);
            append(seg, payload);
            written.add(payload);
        }
        return written;
    }

    private static void append(Segment seg, byte[] payload) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(RecordFraming.recordLength(payload.length));
        RecordFraming.frame(buf, payload);
        buf.flip();
        seg.append(buf);
    }
}
