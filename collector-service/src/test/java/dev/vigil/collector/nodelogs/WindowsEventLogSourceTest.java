package dev.vigil.collector.nodelogs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsEventLogSourceTest {
    @TempDir
    Path dir;

    private static String fixture(String name) {
        try {
            return FakeCommandRunner.fixture(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String query(List<String> cmd) {
        return cmd.get(cmd.size() - 1);
    }

    @Test
    void readsEachChannelFromItsLastRecord() throws Exception {
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> {
            boolean first = query(cmd).contains("timediff");
            return FakeCommandRunner.Answer.ok(!first ? "" : cmd.get(2).equals("System")
                    ? fixture("wevtutil-system-renderedxml.xml") : fixture("wevtutil-application-renderedxml.xml"));
        });
        List<LogLine> delivered = new ArrayList<>();
        NodeLogSource source = NodeLogSources.forNode(NodeLogConfig.forNode("win-node-1", NodeOs.WINDOWS, dir.resolve("b.properties")),
                batch -> {
                    delivered.addAll(batch);
                    return CompletableFuture.completedFuture(null);
                }, runner, Clock.systemUTC());

        assertEquals(7, source.pollOnce());
        assertEquals(List.of("wevtutil", "qe", "System", "/f:RenderedXml", "/rd:false", "/c:5000",
                "/q:*[System[TimeCreated[timediff(@SystemTime) <= 3600000]]]"), runner.commands.get(0));
        LogLine failed = delivered.get(1);
        assertEquals(Labels.of("job", "windows-eventlog", "channel", "System", "level", "error", "node", "win-node-1", "os", "windows"),
                failed.stream());
        assertEquals("provider=\"Service Control Manager\" event_id=7000 msg=\"The kubelet service failed to start due to the "
                + "following error: \\nThe service did not respond to the start or control request in a timely fashion.\"", failed.line());
        assertEquals("critical", delivered.get(3).stream().get("level"));
        assertEquals(Labels.of("job", "windows-eventlog", "channel", "Application", "level", "info", "node", "win-node-1",
                "os", "windows"), delivered.get(6).stream());

        assertEquals(0, source.pollOnce());
        List<String> secondPoll = runner.commands.subList(2, runner.commands.size()).stream()
                .map(WindowsEventLogSourceTest::query).filter(q -> q.startsWith("/q:")).toList();
        assertEquals(List.of("/q:*[System[EventRecordID>48217]]", "/q:*[System[EventRecordID>9121]]"), secondPoll);
    }

    @Test
    void startsOverAfterChannelWasCleared() throws Exception {
        Bookmarks.load(dir.resolve("b.properties")).put("eventlog.System", "48217");
        String newest = "<Event><System><EventRecordID>12</EventRecordID></System></Event>";
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> FakeCommandRunner.Answer.ok(cmd.contains("/rd:true") ? newest : ""));
        NodeLogConfig config = NodeLogConfig.forNode("win-node-1", NodeOs.WINDOWS, dir.resolve("b.properties")).withChannels(List.of("System"));
        new WindowsEventLogSource(config, batch -> CompletableFuture.completedFuture(null), runner).pollOnce();
        assertEquals(List.of("wevtutil", "qe", "System", "/f:xml", "/rd:true", "/c:1"), runner.commands.get(1));
        assertEquals(Optional.of("0"), Bookmarks.load(dir.resolve("b.properties")).get("eventlog.System"));
    }
}
