package dev.vigil.collector.nodelogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSourceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-02T11:00:00Z"), ZoneOffset.UTC);
    private static final String LAST_CURSOR =
            "s=3963530e951a41958c393c201b728c64;i=8;b=8d3c2f0b6a1e4c9a9f5b7e2d1c0a3b4c;m=141e42b3a9;t=61775e2644a31;x=a1b2";

    @TempDir
    Path dir;

    private NodeLogConfig config() {
        return NodeLogConfig.forNode("lin-node-1", NodeOs.LINUX, dir.resolve("bookmarks.properties"))
                .withJournalDirectory(Optional.of("/host/var/log/journal"));
    }

    @Test
    void readsFromMaxAgeThenFromAcknowledgedCursor() throws Exception {
        String journal = FakeCommandRunner.fixture("journalctl-json.jsonl");
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> FakeCommandRunner.Answer.ok(
                cmd.stream().anyMatch(a -> a.startsWith("--since=")) ? journal : ""));
        List<LogLine> delivered = new ArrayList<>();
        JournalSource source = new JournalSource(config(), batch -> {
            delivered.addAll(batch);
            return CompletableFuture.completedFuture(null);
        }, runner, CLOCK);

        assertEquals(8, source.pollOnce());
        assertEquals(List.of("journalctl", "-o", "json", "--all", "--no-pager", "-q", "--directory=/host/var/log/journal",
                "--since=@" + (CLOCK.instant().getEpochSecond() - 3600)), runner.commands.get(0));
        LogLine kubelet = delivered.get(1);
        assertEquals(Labels.of("job", "node-journal", "unit", "kubelet.service", "level", "info", "node", "lin-node-1", "os", "linux"),
                kubelet.stream());
        assertEquals(1714644931000123000L, kubelet.timestampNanos());
        assertEquals(Labels.of("job", "node-journal", "level", "error", "node", "lin-node-1", "os", "linux"), delivered.get(3).stream());
        assertEquals("critical", delivered.get(7).stream().get("level"));
        assertEquals("binary \u0001 payload from a misbehaving daemon", delivered.get(5).line());

        assertEquals(0, source.pollOnce());
        String after = runner.commands.get(1).get(runner.commands.get(1).size() - 1);
        assertTrue(after.startsWith("--after-cursor=s=3963530e951a41958c393c201b728c64;i=8;"), after);
    }

    @Test
    void failedDeliveryKeepsCursorOfLastAcknowledgedBatch() throws Exception {
        String journal = FakeCommandRunner.fixture("journalctl-json.jsonl");
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> FakeCommandRunner.Answer.ok(journal));
        int[] calls = {0};
        JournalSource source = new JournalSource(config().withMaxBatch(3), batch -> calls[0]++ == 0
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("broker down")), runner, CLOCK);
        IOException e = assertThrows(IOException.class, source::pollOnce);
        assertTrue(e.getMessage().startsWith("node log delivery failed"), e.getMessage());
        String cursor = Bookmarks.load(dir.resolve("bookmarks.properties")).get(JournalSource.CURSOR).orElseThrow();
        assertTrue(cursor.contains(";i=3;"), cursor);
    }

    @Test
    void forgetsCursorTheJournalNoLongerKnows() throws Exception {
        Bookmarks.load(dir.resolve("bookmarks.properties")).put(JournalSource.CURSOR, LAST_CURSOR);
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> new FakeCommandRunner.Answer(1, "", "Failed to seek to cursor: Invalid argument"));
        JournalSource source = new JournalSource(config(), batch -> CompletableFuture.completedFuture(null), runner, CLOCK);
        IOException e = assertThrows(IOException.class, source::pollOnce);
        assertTrue(e.getMessage().contains("rejected the saved cursor (Failed to seek to cursor: Invalid argument)"), e.getMessage());
        assertEquals(Optional.empty(), Bookmarks.load(dir.resolve("bookmarks.properties")).get(JournalSource.CURSOR));
    }
}
