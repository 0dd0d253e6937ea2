package dev.vigil.collector.nodelogs;

import java.io.IOException;

/**
 * The node's own logs (systemd journal on Linux, Event Log on Windows) as Vigil log lines. Each
 * poll reads what was written since the persisted bookmark and delivers it; the bookmark moves
 * only past batches the sink acknowledged, so a crash re-reads at most one batch.
 * {@link NodeLogSources#forNode} picks the implementation for the node's OS.
 */
public interface NodeLogSource extends AutoCloseable {
    /** Reads and delivers everything new; returns how many entries were acknowledged. */
    int pollOnce() throws IOException;

    /** Polls every {@link NodeLogConfig#pollInterval()} on a daemon thread until {@link #close()}. */
    void start();

    /** Stops polling. */
    @Override
    void close();
}
