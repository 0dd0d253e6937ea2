package dev.vigil.collector.nodelogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vigil.model.NodeOs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NodeLogSourcesTest {
    @Test
    void picksSourceByNodeOs() {
        FakeCommandRunner runner = new FakeCommandRunner(cmd -> FakeCommandRunner.Answer.ok(""));
        NodeLogSource linux = NodeLogSources.forNode(NodeLogConfig.forNode("n", NodeOs.LINUX, Path.of("b")),
                b -> CompletableFuture.completedFuture(null), runner, Clock.systemUTC());
        NodeLogSource windows = NodeLogSources.forNode(NodeLogConfig.forNode("n", NodeOs.fromOsName("Windows Server 2022"), Path.of("b")),
                b -> CompletableFuture.completedFuture(null), runner, Clock.systemUTC());
        assertInstanceOf(JournalSource.class, linux);
        assertInstanceOf(WindowsEventLogSource.class, windows);
    }

    @Test
    void mapsBothOsLevelsToOneVocabulary() {
        assertEquals(LogLevel.CRITICAL, LogLevel.fromSyslogPriority(2));
        assertEquals(LogLevel.ERROR, LogLevel.fromSyslogPriority(3));
        assertEquals(LogLevel.INFO, LogLevel.fromSyslogPriority(5));
        assertEquals(LogLevel.DEBUG, LogLevel.fromSyslogPriority(7));
        assertEquals(LogLevel.CRITICAL, LogLevel.fromWindowsLevel(1));
        assertEquals(LogLevel.WARNING, LogLevel.fromWindowsLevel(3));
        assertEquals(LogLevel.INFO, LogLevel.fromWindowsLevel(0));
        assertEquals(LogLevel.DEBUG, LogLevel.fromWindowsLevel(5));
    }
}
