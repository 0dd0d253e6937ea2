package dev.vigil.collector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogTailerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /**
     * The two identity strategies. Java 17 on Linux reports the modification time as creation
     * time, so the Windows branch gets a creation time that, like NTFS's, is fixed per file.
     */
    static Stream<Arguments> identities() {
        return Stream.of(
                Arguments.of("linux-inode", NodeOs.LINUX, FileIdentityReader.inode()),
                Arguments.of("windows-ctime-fingerprint", NodeOs.WINDOWS,
                        FileIdentityReader.creationTimeAndFingerprint(LogTailerTest::stableCreationTime)));
    }

    private static FileTime stableCreationTime(Path p) throws IOException {
        return FileTime.fromMillis(((Number) Files.getAttribute(p, "unix:ino")).longValue());
    }

    private LogTailerConfig config(NodeOs os, FileIdentityReader identity) {
        return LogTailerConfig.forNode("node-1", os, dir.resolve("state/positions.json"))
                .withPodLogRoot(Optional.of(dir.resolve("pods").toString()))
                .withIdentity(identity);
    }

    private Path podLog(String podDir, String container) throws IOException {
        Path p = dir.resolve("pods").resolve(podDir).resolve(container).resolve("0.log");
        Files.createDirectories(p.getParent());
        Files.createFile(p);
        return p;
    }

    private static void append(Path p, String... lines) throws IOException {
        Files.writeString(p, String.join("", Stream.of(lines).map(l -> l + "\n").toList()), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }

    private static String cri(int second, String stream, String tag, String msg) {
        return String.format("2024-01-02T03:04:%02d.000000001Z %s %s %s", second, stream, tag, msg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void labelsPodLinesAndJoinsCriPartials(String name, NodeOs os, FileIdentityReader identity) throws IOException {
        Path log = podLog("kube-system_coredns-abc_0f1e", "coredns");
        append(log, cri(1, "stdout", "P", "hel"), cri(1, "stderr", "F", "oops"), cri(2, "stdout", "F", "lo"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(os, identity), sink, CLOCK)) {
            tailer.pollOnce();
        }
        Labels base = Labels.of("namespace", "kube-system", "pod", "coredns-abc", "container", "coredns", "node", "node-1",
                "os", os.label());
        long t1 = Instant.parse("2024-01-02T03:04:01Z").getEpochSecond() * 1_000_000_000L + 1;
        assertEquals(List.of(
                new LogLine(base.toBuilder().set("stream", "stderr").build(), t1, "oops"),
                new LogLine(base.toBuilder().set("stream", "stdout").build(), t1, "hello")), sink.lines);
    }

    @Test
    void readsDockerJsonAndWaitsForUnterminatedLines() throws IOException {
        Path log = podLog("default_web-1_9a8b", "nginx");
        Files.writeString(log, "{\"log\":\"GET / 200\\n\",\"stream\":\"stdout\",\"time\":\"2024-01-02T03:04:05.5Z\"}\n"
                + "{\"log\":\"half", StandardCharsets.UTF_8);
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), sink, CLOCK)) {
            tailer.pollOnce();
            assertEquals(List.of("GET / 200"), sink.texts());
            Files.writeString(log, " done\\n\",\"stream\":\"stderr\",\"time\":\"2024-01-02T03:04:06Z\"}\n",
                    StandardOpenOption.APPEND);
            tailer.pollOnce();
        }
        assertEquals(List.of("GET / 200", "half done"), sink.texts());
        assertEquals("stderr", sink.lines.get(1).stream().get("stream"));
        assertEquals(Instant.parse("2024-01-02T03:04:06Z").getEpochSecond() * 1_000_000_000L, sink.lines.get(1).timestampNanos());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void finishesRenamedFileThenFollowsNewOne(String name, NodeOs os, FileIdentityReader identity) throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "one"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(os, identity), sink, CLOCK)) {
            tailer.pollOnce();
            append(log, cri(2, "stdout", "F", "two, written just before rotation"));
            Files.move(log, log.resolveSibling("0.log.20240102-030403"));
            append(log, cri(3, "stdout", "F", "three, in the new file"));
            tailer.pollOnce();
            tailer.pollOnce();
        }
        assertEquals(List.of("one", "two, written just before rotation", "three, in the new file"), sink.texts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void rereadsCopyTruncatedFileFromStart(String name, NodeOs os, FileIdentityReader identity) throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "a long first line of the old content", "second old line");
        RecordingSink sink = new RecordingSink();
        LogTailerConfig cfg = config(os, identity).withPodLogRoot(Optional.empty())
                .withFiles(List.of(new LogFileTarget(log, Labels.of("job", "app"))));
        try (LogTailer tailer = new LogTailer(cfg, sink, CLOCK)) {
            tailer.pollOnce();
            Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            append(log, "new");
            tailer.pollOnce();
        }
        assertEquals(List.of("a long first line of the old content", "second old line", "new"), sink.texts());
        assertEquals(Labels.of("job", "app", "node", "node-1", "os", os.label()), sink.lines.get(2).stream());
        assertEquals(CLOCK.millis() * 1_000_000L, sink.lines.get(2).timestampNanos());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void restartResumesAfterAcknowledgedLinesOnly(String name, NodeOs os, FileIdentityReader identity) throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "acked"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(os, identity), sink, CLOCK)) {
            tailer.pollOnce();
            sink.mode = RecordingSink.Mode.HOLD;
            append(log, cri(2, "stdout", "F", "sent but never acknowledged"));
            tailer.pollOnce();
        }
        RecordingSink second = new RecordingSink();
        append(log, cri(3, "stdout", "F", "after restart"));
        try (LogTailer tailer = new LogTailer(config(os, identity), second, CLOCK)) {
            tailer.pollOnce();
        }
        assertEquals(List.of("sent but never acknowledged", "after restart"), second.texts());
        RecordingSink third = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(os, identity), third, CLOCK)) {
            tailer.pollOnce();
        }
        assertEquals(List.of(), third.texts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void restartFinishesFileRenamedWhileDown(String name, NodeOs os, FileIdentityReader identity) throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "before stop"));
        try (LogTailer tailer = new LogTailer(config(os, identity), new RecordingSink(), CLOCK)) {
            tailer.pollOnce();
        }
        append(log, cri(2, "stdout", "F", "written while down"));
        Files.move(log, log.resolveSibling("0.log.20240102-030402"));
        append(log, cri(3, "stdout", "F", "new file"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(os, identity), sink, CLOCK)) {
            tailer.pollOnce();
            tailer.pollOnce();
            assertEquals(1, tailer.positions().size(), "the finished file's position is dropped");
        }
        assertEquals(List.of("written while down", "new file"), sink.texts());
    }

    @Test
    void failedDeliveryIsReadAgain() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "first"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), sink, CLOCK)) {
            sink.mode = RecordingSink.Mode.FAIL;
            tailer.pollOnce();
            sink.mode = RecordingSink.Mode.ACK;
            append(log, cri(2, "stdout", "F", "second"));
            tailer.pollOnce();
            assertEquals(1, tailer.deliveryFailures());
        }
        assertEquals(List.of("first", "first", "second"), sink.texts());
    }

    @Test
    void positionsAdvanceOnlyInAcknowledgementOrder() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "a"), cri(2, "stdout", "F", "b"), cri(3, "stdout", "F", "c"));
        RecordingSink sink = new RecordingSink();
        sink.mode = RecordingSink.Mode.HOLD;
        LogTailerConfig cfg = config(NodeOs.LINUX, FileIdentityReader.inode()).withLimits(1024, 1, 16);
        try (LogTailer tailer = new LogTailer(cfg, sink, CLOCK)) {
            tailer.pollOnce();
            assertEquals(3, sink.held.size());
            sink.held.get(2).complete(null);
            sink.held.get(1).complete(null);
            assertEquals(List.of(), tailer.positions(), "batch 1 not acknowledged yet");
            sink.held.get(0).complete(null);
            assertEquals(Files.size(log), tailer.positions().get(0).offset());
        }
    }

    @Test
    void cutsOverlongLinesWithMarker() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "P", "é".repeat(6)), cri(1, "stdout", "F", "xyz"), cri(2, "stdout", "F", "short"));
        RecordingSink sink = new RecordingSink();
        LogTailerConfig cfg = config(NodeOs.LINUX, FileIdentityReader.inode()).withLimits(9, 100, 16);
        try (LogTailer tailer = new LogTailer(cfg, sink, CLOCK)) {
            tailer.pollOnce();
        }
        // 9 bytes hold four two-byte characters; the fifth, the sixth and "xyz" are cut: 2 + 2 + 3 bytes.
        assertEquals(List.of("éééé…[truncated 7 bytes]", "short"), sink.texts());
    }

    @Test
    void fingerprintTellsApartNewFileThatInheritedCreationTime() throws IOException {
        // NTFS gives a file created under a just-renamed name the old file's creation time.
        FileIdentityReader tunnelled = FileIdentityReader.creationTimeAndFingerprint(p -> FileTime.fromMillis(42));
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "old file"));
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.WINDOWS, tunnelled), sink, CLOCK)) {
            tailer.pollOnce();
            Files.move(log, log.resolveSibling("0.log.1"));
            append(log, cri(2, "stdout", "F", "new file, longer than the old one"));
            tailer.pollOnce();
        }
        assertEquals(List.of("old file", "new file, longer than the old one"), sink.texts());
    }

    @Test
    void savesPositionsWithoutLeavingTemporaryFiles() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "x"));
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), new RecordingSink(), CLOCK)) {
            tailer.pollOnce();
        }
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            assertEquals(List.of("positions.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        List<FilePosition> saved = new PositionsFile(dir.resolve("state/positions.json")).load();
        assertEquals(1, saved.size());
        assertEquals(log.toString(), saved.get(0).path());
        assertEquals(Files.size(log), saved.get(0).offset());
        assertTrue(saved.get(0).identity().key().startsWith("ino:"));
    }

    @Test
    void corruptPositionsFileIsSetAsideAndFilesAreReadAgain() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "F", "x"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/positions.json"), "{\"version\":1,\"positions\":[{\"pa");
        RecordingSink sink = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), sink, CLOCK)) {
            tailer.pollOnce();
        }
        assertEquals(List.of("x"), sink.texts());
        assertTrue(Files.exists(dir.resolve("state/positions.json.corrupt-" + CLOCK.millis())));
    }

    @Test
    void windowsDefaultsComeFromNodeOs() {
        LogTailerConfig windows = LogTailerConfig.forNode("win-node-1", NodeOs.WINDOWS, dir.resolve("p.json"));
        assertEquals(Optional.of("C:\\var\\log\\pods"), windows.podLogRoot());
        LogTailerConfig linux = LogTailerConfig.forNode("lin-node-1", NodeOs.LINUX, dir.resolve("p.json"));
        assertEquals(Optional.of("/var/log/pods"), linux.podLogRoot());
    }

    @Test
    void restartBetweenPartialPiecesRejoinsTheMessage() throws IOException {
        Path log = podLog("default_app_1", "app");
        append(log, cri(1, "stdout", "P", "first piece, "), cri(1, "stderr", "F", "interleaved error"));
        RecordingSink before = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), before, CLOCK)) {
            tailer.pollOnce();
        }
        assertEquals(List.of("interleaved error"), before.texts());
        append(log, cri(2, "stdout", "F", "last piece"));
        RecordingSink after = new RecordingSink();
        try (LogTailer tailer = new LogTailer(config(NodeOs.LINUX, FileIdentityReader.inode()), after, CLOCK)) {
            tailer.pollOnce();
        }
        // The saved position stays before the unfinished message, so the stderr line comes again (at-least-once).
        assertEquals(List.of("interleaved error", "first piece, last piece"), after.texts());
    }
}
