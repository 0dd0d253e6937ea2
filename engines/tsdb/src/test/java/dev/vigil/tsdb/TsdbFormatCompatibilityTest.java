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
 * Stores written before decimal chunks and the compact record frame existed: a {@code VGTSEG01}
 * segment of Gorilla chunk records in fixed 8-byte frames, built here byte for byte as that
 * version wrote them.
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

    private List<String> segmentFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).sorted().toList();
        }
    }
}
