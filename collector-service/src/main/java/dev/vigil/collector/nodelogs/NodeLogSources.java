package dev.vigil.collector.nodelogs;

import dev.vigil.collector.logs.LogSink;
import dev.vigil.model.NodeOs;
import java.time.Clock;

/** Picks the node log source for the node's OS. */
public final class NodeLogSources {
    private NodeLogSources() {
    }

    /** The journal on Linux, the Event Log on Windows, run as child processes. */
    public static NodeLogSource forNode(NodeLogConfig config, LogSink sink, Clock clock) {
        return forNode(config, sink, new ProcessCommandRunner(config.commandTimeout()), clock);
    }

    /** As {@link #forNode(NodeLogConfig, LogSink, Clock)} with a given command runner. */
    public static NodeLogSource forNode(NodeLogConfig config, LogSink sink, CommandRunner runner, Clock clock) {
        return config.os() == NodeOs.WINDOWS
                ? new WindowsEventLogSource(config, sink, runner)
                : new JournalSource(config, sink, runner, clock);
    }
}
