package dev.vigil.collector.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A sink that records batches and acknowledges, holds or fails them as the test says. */
final class RecordingSink implements LogSink {
    enum Mode { ACK, HOLD, FAIL }

    final List<LogLine> lines = new ArrayList<>();
    final List<CompletableFuture<Void>> held = new ArrayList<>();
    Mode mode = Mode.ACK;

    @Override
    public CompletionStage<Void> deliver(List<LogLine> batch) {
        lines.addAll(batch);
        CompletableFuture<Void> f = new CompletableFuture<>();
        switch (mode) {
            case ACK -> f.complete(null);
            case HOLD -> held.add(f);
            case FAIL -> f.completeExceptionally(new IllegalStateException("broker unreachable"));
        }
        return f;
    }

    List<String> texts() {
        return lines.stream().map(LogLine::line).toList();
    }

    void clear() {
        lines.clear();
    }
}
