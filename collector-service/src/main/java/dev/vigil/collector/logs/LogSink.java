package dev.vigil.collector.logs;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link LogTailer} hands its lines. The returned stage is the acknowledgement: the tailer
 * advances its persisted read positions past a batch only once the stage completes normally, so
 * a crash or a failed delivery re-reads the batch (at-least-once; the log store drops the
 * duplicates). A stage that completes exceptionally makes the tailer re-read everything not yet
 * acknowledged on its next poll.
 */
@FunctionalInterface
public interface LogSink {
    /** Delivers a non-empty batch, in file order per stream; completes when it is durably stored. */
    CompletionStage<Void> deliver(List<LogLine> batch);
}
