package dev.vigil.tsdb;

import dev.vigil.model.Labels;
import dev.vigil.tsdb.TsdbFixtures.S;
import dev.vigil.tsdb.chunk.ChunkKind;
import dev.vigil.tsdb.chunk.XorAppender;
import dev.vigil.tsdb.chunk.XorChunk;
import dev.vigil.tsdb.disk.CheckpointData;
import dev.vigil.tsdb.disk.CheckpointFile;
import dev.vigil.tsdb.disk.ChunkRecord;
import dev.vigil.tsdb.disk.SeriesState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static dev.vigil.tsdb.TsdbFixtures.T0;
import static dev.vigil.tsdb.TsdbFixtures.dumpAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stores written by earlier versions, built here byte for byte as those versions wrote them: a
 * {@code VGTSEG01} segment of Gorilla chunk records in fixed 8-byte frames (before decimal chunks
 * and the compact record frame), and a {@code VGTCKP01} checkpoint (before the symbol table).
 */
class TsdbFormatCompatibilityTest {
    private static final Labels OLD = Labels.of("__name__", "old_counter");

    @TempDir
    Path dir;

    @Test
    void segmentsOfTheFixedFramingWithGorillaChunksStillReadAndKeepWorking() throws IOException {
        List<S> expected = new ArrayList<>();
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes("VGTSEG01".getBytes(StandardCharsets.US_ASCII));
        for (int chunk = 0; chunk < 3; chunk++) {
            XorAppender a = new XorAppender();
            for (int i = 0; i < 120; i++) {
                long t = T0 + (chunk * 120 + i) * 15_000L;
                double v = (chunk * 120 + i) * 1.25;
                a.append(t, v);
                expected.add(S.of(t, v));
            }
            XorChunk c = a.toChunk();
            long minTime = T0 + chunk * 120 * 15_000L;
            byte[] payload = ChunkRecord.encode(0, ChunkKind.XOR, minTime, minTime + 119 * 15_000L, c.bytes());
            CRC32C crc = new CRC32C();
            crc.update(payload);
            segment.writeBytes(ByteBuffer.allocate(8).putInt(payload.length).putInt((int) crc.getValue()).array());
            segment.writeBytes(payload);
        }
        Files.write(dir.resolve("00000000.seg"), segment.toByteArray());
        long lastT = expected.get(expected.size() - 1).t();
        SeriesState series = new SeriesState(0, OLD, lastT, expected.get(expected.size() - 1).bits(), new byte[0],
                new long[0], new double[0]);
        CheckpointFile.write(dir, new CheckpointData(1, Long.MIN_VALUE, Long.MIN_VALUE, 1, 1,
                List.of(new CheckpointData.SegmentLength(0, segment.size())), List.of(series)));

        Map<String, List<S>> afterAppend;
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            assertEquals(Map.of(OLD.toString(), expected), dumpAll(db));
            assertEquals(0, db.stats().damagedRecordsSkipped());
            for (int i = 1; i <= 240; i++) {
                db.append(OLD, lastT + i * 15_000L, 450 + i * 0.5);
            }
            db.commit();
            afterAppend = dumpAll(db);
            assertEquals(360 + 240, afterAppend.get(OLD.toString()).size());
        }
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            assertEquals(afterAppend, dumpAll(db));
            assertEquals(0, db.stats().damagedRecordsSkipped());
        }
        assertEquals(List.of("00000000.seg", "00000001.seg"), segmentFiles(),
                "the old file is kept as it is and new records go to a new file");
    }

    @Test
    void aCheckpointWithLabelStringsInEverySeriesStillReads() throws IOException {
        // VGTCKP01, before the symbol table: two series, no segments, each with an open head chunk
        Labels a = Labels.of("__name__", "up", "job", "node");
        Labels b = Labels.of("__name__", "up", "job", "windows");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        putFixed(body, 1);                 // generation
        putFixed(body, Long.MIN_VALUE);    // retention cutoff
        putFixed(body, Long.MIN_VALUE);    // rollup watermark
        body.write(0);                     // next segment id
        body.write(2);                     // next series id
        body.write(0);                     // segments
        body.write(2);                     // series
        List<S> expected = new ArrayList<>();
        int id = 0;
        for (Labels l : List.of(a, b)) {
            XorAppender head = new XorAppender();
            head.append(T0, id + 1);
            head.append(T0 + 15_000, id + 2);
            body.write(id++);
            body.write(l.size());
            for (int i = 0; i < l.size(); i++) {
                putString(body, l.name(i));
                putString(body, l.value(i));
            }
            putFixed(body, T0 + 15_000);
            putFixed(body, Double.doubleToRawLongBits(id + 1));
            byte[] chunk = head.toChunk().bytes();
            body.write(chunk.length);
            body.writeBytes(chunk);
            body.write(0);                 // out-of-order samples
        }
        byte[] bytes = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("VGTCKP01".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(bytes);
        file.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Files.write(CheckpointFile.path(dir, 1), file.toByteArray());

        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            assertEquals(Map.of(a.toString(), List.of(S.of(T0, 1), S.of(T0 + 15_000, 2)),
                    b.toString(), List.of(S.of(T0, 2), S.of(T0 + 15_000, 3))), dumpAll(db));
            assertEquals(AppendResult.DUPLICATE, db.append(b, T0 + 15_000, 3), "its last value is known");
            db.append(a, T0 + 30_000, 5);
            db.commit(); // written as VGTCKP02
        }
        try (Tsdb db = Tsdb.open(dir, TsdbOptions.DEFAULTS)) {
            assertEquals(3, dumpAll(db).get(a.toString()).size());
            assertEquals(2, db.stats().series());
        }
    }

    private static void putFixed(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static void putString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private List<String> segmentFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).sorted().toList();
        }
    }
}
