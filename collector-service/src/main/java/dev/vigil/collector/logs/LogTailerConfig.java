package dev.vigil.collector.logs;

import dev.vigil.model.NodeOs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link LogTailer} follows and how.
 *
 * @param node              value of the {@code node} label
 * @param os                value of the {@code os} label, and the source of the OS defaults
 * @param podLogRoot        the kubelet's pod log root to discover container logs under, if any
 * @param files             single files to follow, with their own labels
 * @param positionsFile     where read positions survive restarts
 * @param pollInterval      how often {@link LogTailer#start()} polls the files
 * @param maxLineBytes      longer messages are cut and marked with {@code …[truncated N bytes]}
 * @param maxBatchLines     lines per {@link LogSink#deliver} call
 * @param maxPendingBatches unacknowledged batches after which reading pauses
 * @param identity          how a file is recognised across renames and restarts
 */
public record LogTailerConfig(String node, NodeOs os, Optional<String> podLogRoot, List<LogFileTarget> files,
                              Path positionsFile, Duration pollInterval, int maxLineBytes, int maxBatchLines,
                              int maxPendingBatches, FileIdentityReader identity) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_BATCH_LINES = 1000;
    public static final int DEFAULT_MAX_PENDING_BATCHES = 16;

    public LogTailerConfig {
        if (node.isEmpty()) {
            throw new IllegalArgumentException("node name must not be empty");
        }
        files = List.copyOf(files);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
        }
        if (maxLineBytes < 1 || maxBatchLines < 1 || maxPendingBatches < 1) {
            throw new IllegalArgumentException("maxLineBytes, maxBatchLines and maxPendingBatches must be >= 1, got "
                    + maxLineBytes + ", " + maxBatchLines + ", " + maxPendingBatches);
        }
    }

    /** Defaults for a node of this OS: the kubelet's pod log root for the OS, no single files. */
    public static LogTailerConfig forNode(String node, NodeOs os, Path positionsFile) {
        return new LogTailerConfig(node, os, Optional.of(PodLogPath.defaultRoot(os)), List.of(), positionsFile,
                DEFAULT_POLL_INTERVAL, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_BATCH_LINES, DEFAULT_MAX_PENDING_BATCHES,
                FileIdentityReader.forOs(os));
    }

    public LogTailerConfig withPodLogRoot(Optional<String> root) {
        return new LogTailerConfig(node, os, root, files, positionsFile, pollInterval, maxLineBytes, maxBatchLines,
                maxPendingBatches, identity);
    }

    public LogTailerConfig withFiles(List<LogFileTarget> targets) {
        return new LogTailerConfig(node, os, podLogRoot, targets, positionsFile, pollInterval, maxLineBytes, maxBatchLines,
                maxPendingBatches, identity);
    }

    public LogTailerConfig withPollInterval(Duration interval) {
        return new LogTailerConfig(node, os, podLogRoot, files, positionsFile, interval, maxLineBytes, maxBatchLines,
                maxPendingBatches, identity);
    }

    public LogTailerConfig withLimits(int lineBytes, int batchLines, int pendingBatches) {
        return new LogTailerConfig(node, os, podLogRoot, files, positionsFile, pollInterval, lineBytes, batchLines,
                pendingBatches, identity);
    }

    public LogTailerConfig withIdentity(FileIdentityReader reader) {
        return new LogTailerConfig(node, os, podLogRoot, files, positionsFile, pollInterval, maxLineBytes, maxBatchLines,
                maxPendingBatches, reader);
    }
}
