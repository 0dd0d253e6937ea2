package dev.vigil.collector.nodelogs;

import dev.vigil.model.NodeOs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How node logs are read.
 *
 * @param node            value of the {@code node} label
 * @param os              value of the {@code os} label; picks journal or Event Log
 * @param bookmarkFile    where the last acknowledged journal cursor / EventRecordIDs are kept
 * @param pollInterval    time between polls
 * @param maxAge          on first start (no bookmark), how far back to read
 * @param maxBatch        entries per delivery
 * @param channels        Windows Event Log channels to read
 * @param journalctl      the journalctl command (Linux)
 * @param journalDirectory read this journal directory (the host's {@code /var/log/journal} mounted
 *                        into the collector's container) instead of the local journal
 * @param wevtutil        the wevtutil command (Windows)
 * @param commandTimeout  a query process still running after this is killed
 */
public record NodeLogConfig(String node, NodeOs os, Path bookmarkFile, Duration pollInterval, Duration maxAge, int maxBatch,
                            List<String> channels, String journalctl, Optional<String> journalDirectory, String wevtutil,
                            Duration commandTimeout) {
    public static final List<String> DEFAULT_CHANNELS = List.of("System", "Application");

    public NodeLogConfig {
        channels = List.copyOf(channels);
        if (node.isEmpty()) {
            throw new IllegalArgumentException("node name must not be empty");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("poll interval and command timeout must be positive");
        }
    }

    /** Defaults: poll every 2 s, read back 1 h on first start, System and Application channels. */
    public static NodeLogConfig forNode(String node, NodeOs os, Path bookmarkFile) {
        return new NodeLogConfig(node, os, bookmarkFile, Duration.ofSeconds(2), Duration.ofHours(1), 500, DEFAULT_CHANNELS,
                "journalctl", Optional.empty(), "wevtutil", Duration.ofSeconds(60));
    }

    public NodeLogConfig withChannels(List<String> newChannels) {
        return new NodeLogConfig(node, os, bookmarkFile, pollInterval, maxAge, maxBatch, newChannels, journalctl, journalDirectory, wevtutil,
                commandTimeout);
    }

    public NodeLogConfig withMaxBatch(int batch) {
        return new NodeLogConfig(node, os, bookmarkFile, pollInterval, maxAge, batch, channels, journalctl, journalDirectory, wevtutil,
                commandTimeout);
    }

    public NodeLogConfig withPollInterval(Duration interval) {
        return new NodeLogConfig(node, os, bookmarkFile, interval, maxAge, maxBatch, channels, journalctl, journalDirectory, wevtutil,
                commandTimeout);
    }

    public NodeLogConfig withJournalDirectory(Optional<String> directory) {
        return new NodeLogConfig(node, os, bookmarkFile, pollInterval, maxAge, maxBatch, channels, journalctl, directory, wevtutil,
                commandTimeout);
    }

    public NodeLogConfig withCommands(String journalctlCommand, String wevtutilCommand) {
        return new NodeLogConfig(node, os, bookmarkFile, pollInterval, maxAge, maxBatch, channels, journalctlCommand,
                journalDirectory, wevtutilCommand, commandTimeout);
    }
}
